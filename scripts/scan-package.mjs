// n8n's verification scanner as its CLI runs it, minus the registry steps a local check
// cannot take (provenance, downloading the attested source): `analyzePackage` on the source
// (its SOURCE_FILE_PATTERNS) or on an unpacked tarball (`**/*.js`, `package.json`).
// analyzePackage fails on errors only; the same lint is counted again for warnings.
// Usage: node scripts/scan-package.mjs <source|tarball> <folder>   (prints JSON)
import { resolve } from 'node:path';

import { ESLint } from 'eslint';
import glob from 'fast-glob';
import {
	analyzePackage,
	buildScanConfig,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const [kind, folderArg] = process.argv.slice(2);
if (!['source', 'tarball'].includes(kind) || !folderArg) {
	console.error('Usage: node scripts/scan-package.mjs <source|tarball> <folder>');
	process.exit(2);
}
const folder = resolve(folderArg);
const patterns = kind === 'source' ? SOURCE_FILE_PATTERNS : TARBALL_FILE_PATTERNS;

const verdict = await analyzePackage(folder, patterns);
const eslint = new ESLint({
	cwd: folder,
	allowInlineConfig: false,
	overrideConfigFile: true,
	overrideConfig: await buildScanConfig(),
});
const files = glob.sync(patterns, {
	cwd: folder,
	absolute: true,
	ignore: ['node_modules/**', '**/package-lock.json'],
});
const results = await eslint.lintFiles(files);
const count = (key) => results.reduce((sum, result) => sum + result[key], 0);
const report = await (await eslint.loadFormatter('stylish')).format(results);

console.log(
	JSON.stringify({
		passed: verdict.passed,
		message: verdict.message,
		files: files.length,
		errors: count('errorCount'),
		warnings: count('warningCount'),
		report,
	}),
);
