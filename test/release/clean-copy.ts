import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The package as a clean clone has it after `npm ci`: every file git tracks or would track,
 * no dist/, and the dependencies (linked, since `npm ci` builds nothing of this package).
 */
export function cleanCopy(): string {
	const copy = mkdtempSync(path.join(tmpdir(), 'n8n-opendialog-clean-'));
	const listed = execFileSync(
		'git',
		['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
		{
			cwd: ROOT,
			encoding: 'utf8',
		},
	);
	for (const file of listed.split('\0').filter(Boolean)) {
		const target = path.join(copy, file);
		mkdirSync(path.dirname(target), { recursive: true });
		try {
			cpSync(path.join(ROOT, file), target);
		} catch {
			// Deleted in the working tree but not yet in git's index: a clone would not have it.
		}
	}
	symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
	return copy;
}

/** Plain `npm pack`, as `npm publish` packs; returns the tarball's path. */
export function npmPack(packageDir: string, destination: string): string {
	mkdirSync(destination, { recursive: true });
	execFileSync('npm', ['pack', '--pack-destination', destination], {
		cwd: packageDir,
		stdio: 'ignore',
		// Only the copy's own .npmrc counts, as in a clean clone.
		env: withoutNpmConfig(process.env),
	});
	const tarball = readdirSync(destination).find((name) => name.endsWith('.tgz'));
	if (!tarball) throw new Error(`npm pack left no tarball in ${destination}`);
	return path.join(destination, tarball);
}

/** npm passes its settings to scripts as npm_config_* variables; a fresh shell has none. */
export function withoutNpmConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(env).filter(([name]) => !name.toLowerCase().startsWith('npm_config_')),
	);
}

/** n8n's scanner on a folder (scripts/scan-package.mjs): its verdict and the lint counts. */
export function scanPackage(
	kind: 'source' | 'tarball',
	folder: string,
): { passed: boolean; errors: number; warnings: number; files: number; report: string } {
	const output = execFileSync(
		'node',
		[path.join(ROOT, 'scripts', 'scan-package.mjs'), kind, folder],
		{
			cwd: ROOT,
			encoding: 'utf8',
			// Under NODE_ENV=test (jest sets it) eslint-plugin-n8n-nodes-base expects made-up file names.
			env: { ...process.env, NODE_ENV: undefined },
		},
	);
	return JSON.parse(output);
}
