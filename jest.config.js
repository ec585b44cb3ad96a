/** The layers `npm test` runs (scripts/test-all.sh): the release path, pure functions, each
 * node's execute() in n8n's own execution engine against the local OpenDialog server, real n8n
 * — every real-n8n test once per n8n line (projects `n8n-1.x` and `n8n-2.x`) — and queue mode. */
const fs = require('fs');
const os = require('os');
const path = require('path');

const N8N_LINES = require('./test/n8n-lines.json');

// n8n-core keeps instance settings in the user folder: keep tests out of the real ~/.n8n, and
// give each run its own folder so that two runs on one machine do not share one.
if (!process.env.N8N_USER_FOLDER) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-opendialog-jest-'));
	process.env.N8N_USER_FOLDER = userFolder;
	process.on('exit', () => fs.rmSync(userFolder, { recursive: true, force: true }));
}
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';

const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };

/** The same test files on each line; the project name says which line a failure is on. */
const realN8nProjects = Object.entries(N8N_LINES).map(([line, version]) => ({
	displayName: `n8n-${line}`,
	testEnvironment: 'node',
	transform,
	testMatch: ['<rootDir>/test/n8n/**/*.test.ts'],
	globals: { n8nVersion: version },
	globalSetup: '<rootDir>/test/n8n/global-setup.ts',
	setupFiles: ['<rootDir>/test/n8n/line-env.ts'],
}));

module.exports = {
	// Jest's own reporters, minus the warnings n8n's logger prints in tests that provoke them,
	// and the counts `npm test` adds up.
	reporters: [
		'<rootDir>/scripts/jest/quiet-logger-reporter.js',
		'summary',
		'<rootDir>/scripts/jest/count-reporter.js',
	],
	modulePathIgnorePatterns: ['<rootDir>/dist'],
	projects: [
		{
			displayName: 'pure',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/pure/**/*.test.ts'],
		},
		{
			displayName: 'node',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/node/**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/scripts/jest/stop-n8n-core-timers.js'],
		},
		...realN8nProjects,
		{
			displayName: 'release',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/release/**/*.test.ts'],
		},
		{
			// n8n as production runs it: main + worker, Redis, PostgreSQL (the 2.x line).
			displayName: 'queue',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/queue/**/*.test.ts'],
			globals: { n8nVersion: N8N_LINES['2.x'] },
			globalSetup: '<rootDir>/test/n8n/global-setup.ts',
			setupFiles: ['<rootDir>/test/n8n/line-env.ts'],
		},
	],
};
