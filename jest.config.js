/** Three layers, run by `npm test` in this order: pure functions, each node's execute() in
 * n8n's own execution engine against the local OpenDialog server, and real n8n — every
 * real-n8n test once per n8n line (projects `n8n-1.x` and `n8n-2.x`) — then queue mode. */
const fs = require('fs');
const os = require('os');
const path = require('path');

const N8N_LINES = require('./test/n8n-lines.json');

// n8n-core keeps instance settings in the user folder: keep tests out of the real ~/.n8n, and
// give each run its own folder so that two runs on one machine do not share one.
process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(
	path.join(os.tmpdir(), 'n8n-nodes-opendialog-jest-'),
);
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
	// n8n-core leaves timers of its own running after a workflow finishes.
	forceExit: true,
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
