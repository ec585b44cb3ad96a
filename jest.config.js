/** Three layers, run by `npm test` in this order: pure functions, each node's execute() in
 * n8n's own execution engine against the local OpenDialog server, and real n8n. */
const os = require('os');
const path = require('path');

// n8n-core keeps instance settings in the user folder: keep tests out of the real ~/.n8n.
process.env.N8N_USER_FOLDER ??= path.join(os.tmpdir(), 'n8n-nodes-opendialog-jest');
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';

const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };

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
		{
			displayName: 'release',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/release/**/*.test.ts'],
		},
		{
			displayName: 'n8n',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/n8n/**/*.test.ts'],
			globalSetup: '<rootDir>/test/n8n/global-setup.ts',
		},
	],
};
