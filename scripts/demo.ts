/**
 * The package's main job, for real: a local OpenDialog workspace (the test server, seeded
 * with 200 users who talked to it over the last week) and real n8n with this package
 * installed as a community package, its credential and the example workflows imported.
 *   npm run demo                   n8n 2.x (what a newcomer installs today); open the address
 *   N8N_LINE=1.x npm run demo      the same on n8n 1.x
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import {
	N8N_LINES,
	n8nInstallDir,
	nodeItems,
	packPackage,
	RealN8n,
} from '../test/helpers/real-n8n';
import { startOpenDialogServer } from '../test/server/server';

const ROOT = path.resolve(__dirname, '..');
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const OPENDIALOG_PORT = Number(process.env.OPENDIALOG_PORT ?? 8787);
// The shared secret the demo's OpenDialog Action Trigger example checks; a demo value only.
const ACTION_SECRET = 'demo-action-secret-0123456789';
const N8N_LINE = (process.env.N8N_LINE ?? '2.x') as keyof typeof N8N_LINES;

async function main(): Promise<void> {
	const version = N8N_LINES[N8N_LINE];
	if (!version) throw new Error(`N8N_LINE must be one of ${Object.keys(N8N_LINES).join(', ')}`);
	console.log(
		`Installing n8n ${version} on first run (a few minutes), building and packing the package…`,
	);
	const installDir = n8nInstallDir(version);
	const tarball = packPackage(path.join(ROOT, '.tmp', 'pack'));

	const now = Math.floor(Date.now() / 1000);
	const openDialog = await startOpenDialogServer(
		{ tenant: { users: 200, interactionsPerUser: 20, from: now - 7 * 86_400, to: now, seed: 42 } },
		OPENDIALOG_PORT,
	);

	const userFolder = path.join(ROOT, '.tmp', 'demo-n8n');
	rmSync(userFolder, { recursive: true, force: true });
	const n8n = new RealN8n(installDir, tarball, userFolder);
	await n8n.importCredentials([
		{
			id: 'opendialog-local',
			name: 'OpenDialog (local test server)',
			type: 'openDialogApi',
			data: { baseUrl: openDialog.url, apiToken: openDialog.config.token, apiVersion: 'public' },
		},
		{
			id: 'opendialog-action-secret',
			name: 'OpenDialog Action Secret',
			type: 'openDialogActionSecretApi',
			data: { headerName: 'X-OpenDialog-Secret', secret: ACTION_SECRET },
		},
	]);
	for (const file of readdirSync(path.join(ROOT, 'examples')).filter((name) =>
		name.endsWith('.json'),
	)) {
		await n8n.importWorkflow(JSON.parse(readFileSync(path.join(ROOT, 'examples', file), 'utf8')));
	}

	await showExampleRuns(n8n);

	console.log(`
OpenDialog test server: ${openDialog.url}  (token ${openDialog.config.token})
n8n ${version} with n8n-nodes-opendialog: http://localhost:${N8N_PORT}
  Create the owner account when asked, open a workflow under "Overview" and click "Execute workflow".
  The credential "OpenDialog (local test server)" already points at the test server.
  The action example answers with header X-OpenDialog-Secret: ${ACTION_SECRET} once active.
Stop with Ctrl+C.
`);
	const server = await n8n.startServer(N8N_PORT);
	const stop = () => {
		server.kill('SIGTERM');
		void openDialog.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	server.on('exit', (code) => void openDialog.close().then(() => process.exit(code ?? 0)));
}

/** Runs two examples headless first, so the demo shows the nodes' output before the editor opens. */
async function showExampleRuns(n8n: RealN8n): Promise<void> {
	const examples = [
		{
			id: 'odExampleDeeplinks',
			node: 'Compose SMS',
			show: (json: Record<string, unknown>) => `${json.to}: ${json.message}`,
		},
		{
			id: 'odExampleInteractions',
			node: 'Summarise For CRM',
			show: (json: Record<string, unknown>) =>
				`${json.contactEmail}: ${json.messages} messages, last "${json.lastMessage}"`,
		},
	];
	for (const example of examples) {
		const result = await n8n.execute(example.id);
		const items = nodeItems(result.run, example.node);
		console.log(
			`\n${example.id} in n8n (exit ${result.exitCode}), ${items.length} items from "${example.node}":`,
		);
		for (const item of items.slice(0, 3)) console.log(`  ${example.show(item.json)}`);
		if (items.length > 3) console.log(`  … and ${items.length - 3} more`);
	}
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
