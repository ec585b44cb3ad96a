// n8n's own lint for community packages: @n8n/node-cli's config (typescript-eslint's
// recommended rules, import-x, and the rule sets n8n's verification scanner runs). The
// scanner ignores inline disable comments, so they are refused here too.
import { config } from '@n8n/node-cli/eslint';

export default [
	...config,
	{ ignores: ['coverage/**'] },
	{ linterOptions: { noInlineConfig: true } },
	{
		// Tests, the benchmark and dev scripts never ship and never run inside n8n: they start
		// servers and processes, read files, print, hold the test server's made-up tokens, and
		// their errors are not a node's.
		files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			'no-console': 'off',
		},
	},
	{
		// The benchmark loads the built package from dist/ at run time, as n8n does.
		files: ['bench/**/*.ts'],
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
];
