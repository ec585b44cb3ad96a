/**
 * The package's main job, for real: a local OpenDialog workspace (the test server, seeded
 * with 200 users who talked to it over the last week) and real n8n with this package
 * installed from its tarball, its credentials and the example workflows imported.
 *   npm run demo                   n8n 2.x (what a newcomer installs today); open the address
 *   N8N_LINE=1.x npm run demo      the same on n8n 1.x
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
const userFolder = path.join(ROOT, '.tmp', 'demo-n8n');
// n8n's start-up log goes to a file, so that what to do next is the last thing printed.
const N8N_LOG = path.join(ROOT, '.tmp', 'demo-n8n.log');

async function main(): Promise<void> {
	const version = N8N_LINES[N8N_LINE];
	if (!version) throw new Error(`N8N_LINE must be one of ${Object.keys(N8N_LINES).join(', ')}`);
	console.log(
		`n8n ${version}: installed into ~/.cache/n8n-nodes-opendialog on first run (about 7 minutes, 3 GB)…`,
	);
	const installDir = n8nInstallDir(version);
	console.log('Building and packing the package…');
	const tarball = packPackage(path.join(ROOT, '.tmp', 'pack'));

	const now = Math.floor(Date.now() / 1000);
	const openDialog = await startOpenDialogServer(
		{ tenant: { users: 200, interactionsPerUser: 20, from: now - 7 * 86_400, to: now, seed: 42 } },
		OPENDIALOG_PORT,
	);

	const exampleFiles = readdirSync(path.join(ROOT, 'examples')).filter((name) =>
		name.endsWith('.json'),
	);
	console.log(
		`Installing the package into a fresh n8n and importing the credentials and ${exampleFiles.length} example workflows (a minute or two)…`,
	);
	rmSync(userFolder, { recursive: true, force: true });
	const n8n = new RealN8n(installDir, tarball, userFolder);
	const packageFolder = path.join(
		userFolder,
		'.n8n',
		'nodes',
		'node_modules',
		'n8n-nodes-opendialog',
	);
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
	const workflows: Workflow[] = exampleFiles.map((file) =>
		JSON.parse(readFileSync(path.join(ROOT, 'examples', file), 'utf8')),
	);
	for (const workflow of workflows) await n8n.importWorkflow(workflow);

	await showExampleRuns(n8n, workflows);

	console.log(`\nStarting n8n's editor (its log goes to ${path.relative(ROOT, N8N_LOG)})…`);
	rmSync(N8N_LOG, { force: true });
	const server = await n8n.startServer(N8N_PORT, N8N_LOG);
	let stopping = false;
	const stop = () => {
		stopping = true;
		server.kill('SIGTERM');
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	server.on('exit', (code) => {
		if (!stopping)
			console.error(`n8n stopped (exit ${code}); the end of its log:\n${logTail(N8N_LOG)}`);
		void openDialog.close().then(() => process.exit(stopping ? 0 : code || 1));
	});
	await waitUntilEditorAnswers(server);

	console.log(`
OpenDialog test server: ${openDialog.url}  (API token ${openDialog.config.token})
n8n-nodes-opendialog ${packageVersion()} was unpacked into ${path.relative(ROOT, packageFolder)},
  as the README's tarball install does: its nodes are in the nodes panel, but Settings →
  Community Nodes lists only packages installed from the npm registry.

n8n ${version} is ready: open http://localhost:${N8N_PORT}
  1. Create the owner account (any e-mail and password; this n8n lives in ${path.relative(ROOT, userFolder)}).
  2. Open a workflow under Overview, e.g. "${nameOf(workflows, 'odExampleInteractions')}",
     and click "Execute workflow".
     The credential "OpenDialog (local test server)" already points at the test server.
  3. The action example answers with header X-OpenDialog-Secret: ${ACTION_SECRET} once active.
Stop with Ctrl+C.`);
}

/** Runs two examples headless first, so the demo shows the nodes' output before the editor opens. */
async function showExampleRuns(n8n: RealN8n, workflows: Workflow[]): Promise<void> {
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
		const name = nameOf(workflows, example.id);
		const result = await n8n.execute(example.id);
		const items = nodeItems(result.run, example.node);
		console.log(`\n"${name}" ran in n8n: ${items.length} items from its "${example.node}" node:`);
		for (const item of items.slice(0, 3)) console.log(`  ${example.show(item.json)}`);
		if (items.length > 3) console.log(`  … and ${items.length - 3} more`);
		if (items.length === 0)
			console.log(`  (none: n8n exited ${result.exitCode})\n${result.stderr}`);
	}
}

interface Workflow {
	id: string;
	name: string;
}

/** A workflow as the editor names it. */
function nameOf(workflows: Workflow[], id: string): string {
	return workflows.find((workflow) => workflow.id === id)?.name ?? id;
}

/** The editor is usable once its REST API answers (its health check answers earlier). */
async function waitUntilEditorAnswers(server: ChildProcess): Promise<void> {
	const deadline = Date.now() + 180_000;
	while (Date.now() < deadline && server.exitCode === null) {
		const ok = await fetch(`http://127.0.0.1:${N8N_PORT}/rest/settings`).then(
			(response) => response.ok,
			() => false,
		);
		if (ok) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	if (server.exitCode === null) {
		server.kill('SIGTERM');
		throw new Error(
			`n8n did not answer within 3 minutes; the end of its log:\n${logTail(N8N_LOG)}`,
		);
	}
}

function logTail(file: string): string {
	if (!existsSync(file)) return '(no log)';
	return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
}

function packageVersion(): string {
	return JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
