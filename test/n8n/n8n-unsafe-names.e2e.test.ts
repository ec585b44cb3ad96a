import { readFileSync } from 'fs';
import path from 'path';

import { N8N_UNSAFE_PROPERTY_NAMES } from '../../nodes/OpenDialogGenerateWebchatDeeplinks/n8n-unsafe-names';

/** n8n-workflow's `unsafeObjectProperties` as the installed n8n of this line ships it. */
function installedList(): string[] {
	const workflowPackage = require.resolve('n8n-workflow/package.json', {
		paths: [path.join(process.env.OPENDIALOG_N8N_DIR!, 'node_modules', 'n8n')],
	});
	const utils = readFileSync(path.join(path.dirname(workflowPackage), 'dist/cjs/utils.js'), 'utf8');
	const list = /unsafeObjectProperties = new Set\(\[([^\]]*)\]\)/.exec(utils)?.[1];
	if (list === undefined) throw new Error('n8n-workflow no longer has unsafeObjectProperties');
	return [...list.matchAll(/'([^']+)'/g)].map((match) => match[1]);
}

test("the copy of n8n's unsafe property names matches the installed n8n's list", () => {
	expect([...N8N_UNSAFE_PROPERTY_NAMES].sort()).toEqual(installedList().sort());
});
