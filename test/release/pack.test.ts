import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { cleanCopy, npmPack, ROOT, scanPackage } from './clean-copy';

/** What `npm ci && npm pack` makes from a clean clone, i.e. what `npm publish` would ship. */
describe('the package a clean clone packs', () => {
	let copy: string;
	let unpacked: string;
	let files: string[];

	beforeAll(() => {
		copy = cleanCopy();
		const tarball = npmPack(copy, path.join(copy, '.tmp', 'pack'));
		files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
			.split('\n')
			.filter(Boolean)
			.map((entry) => entry.replace(/^package\//, ''));
		unpacked = path.join(copy, '.tmp', 'unpacked');
		mkdirSync(unpacked, { recursive: true });
		execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
	}, 300_000);

	afterAll(() => rmSync(copy, { recursive: true, force: true }));

	test('ships every node and credential file the n8n block of package.json lists', () => {
		const { n8n } = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8'));
		const listed: string[] = [...n8n.nodes, ...n8n.credentials];
		expect(listed.length).toBeGreaterThan(0);
		expect(listed.filter((file) => !files.includes(file))).toEqual([]);
	});

	test("ships each node's codex file and the icons next to the compiled nodes and credential", () => {
		const sources = execFileSync('git', ['ls-files', 'nodes', 'credentials'], {
			cwd: ROOT,
			encoding: 'utf8',
		})
			.split('\n')
			.filter((file) => /\.(svg|png|node\.json)$/.test(file));
		expect(sources.length).toBeGreaterThan(0);
		expect(sources.map((file) => `dist/${file}`).filter((file) => !files.includes(file))).toEqual(
			[],
		);
	});

	test('ships no sources, tests, type declarations, source maps or runtime dependencies', () => {
		expect(files.filter((file) => /^(test|bench|scripts|nodes|credentials)\//.test(file))).toEqual(
			[],
		);
		// n8n only require()s the compiled nodes and credentials; .d.ts and .js.map are dead weight.
		expect(files.filter((file) => /\.(ts|map)$/.test(file))).toEqual([]);
		const manifest = JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
		expect(manifest.dependencies).toBeUndefined();
	});

	test("passes n8n's scanner on the unpacked tarball with no errors and no warnings", () => {
		const scan = scanPackage('tarball', unpacked);
		expect(scan.files).toBeGreaterThan(0);
		expect(scan.report).toBe('');
		expect(scan).toMatchObject({ passed: true, errors: 0, warnings: 0 });
	});
});
