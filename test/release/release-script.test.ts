import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { cleanCopy } from './clean-copy';

/** The refusals `npm run release` makes before it runs anything, in a repository of its own. */
describe('the release script', () => {
	let repo: string;
	const git = (...args: string[]) =>
		spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
			cwd: repo,
			encoding: 'utf8',
		});
	const release = (...args: string[]) =>
		spawnSync('bash', ['scripts/release.sh', ...args], { cwd: repo, encoding: 'utf8' });

	beforeAll(() => {
		repo = cleanCopy();
		git('init', '--quiet', '--initial-branch=main');
		git('add', '-A');
		git('commit', '--quiet', '-m', 'Snapshot');
	});
	afterAll(() => rmSync(repo, { recursive: true, force: true }));

	test('asks for the version bump', () => {
		const run = release();
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('Usage: npm run release -- <patch|minor|major|x.y.z>');
	});

	test('releases only from main', () => {
		git('checkout', '--quiet', '-b', 'feature');
		const run = release('patch');
		git('checkout', '--quiet', 'main');
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('Releases are cut from main');
	});

	test('refuses a working tree with uncommitted changes', () => {
		writeFileSync(path.join(repo, 'CHANGELOG.md'), 'edited\n');
		const run = release('patch');
		git('checkout', '--quiet', '--', 'CHANGELOG.md');
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('uncommitted changes');
	});

	test('refuses a main that differs from origin/main, before any test, bump or tag', () => {
		const origin = `${repo}-origin.git`;
		spawnSync('git', ['init', '--quiet', '--bare', origin]);
		git('remote', 'add', 'origin', origin);
		git('push', '--quiet', 'origin', 'main');
		writeFileSync(path.join(repo, 'CHANGELOG.md'), 'not pushed yet\n');
		git('commit', '--quiet', '-am', 'Local only');
		const run = release('patch');
		rmSync(origin, { recursive: true, force: true });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('main differs from origin/main');
		expect(git('tag').stdout).toBe('');
		expect(git('status', '--porcelain').stdout).toBe('');
	});
});
