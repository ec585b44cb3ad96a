/**
 * Part 3: real n8n, the package's nodes against what a user would wire by hand with n8n's
 * own nodes, on the same tenant, on each installed n8n line and against both answer styles
 * (streamed without a length, and buffered with Content-Length as a plain Laravel app sends
 * it). Times are each node's `executionTime` from n8n's run data.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { packPackage, RealN8n, type N8nRun } from '../test/helpers/real-n8n';
import { chainWorkflow, credentialRef, type WorkflowNode } from '../test/helpers/workflows';
import type { ServerProcess } from './server-process';

type Table = (headers: string[], rows: string[][]) => void;

const ROOT = path.resolve(__dirname, '..');
export const N8N_VERSIONS = (process.env.BENCH_N8N_VERSIONS ?? '1.123.81,2.38.7').split(',');
const USER_COUNTS = (process.env.BENCH_USERS ?? '6,5000,50000').split(',').map(Number);
/**
 * From this many users the run data is too large for `n8n execute` to print; both sides then
 * run as a sub-workflow ending in Limit 1, timed by the calling Execute Workflow node, which
 * adds the same sub-workflow start to each.
 */
const SUB_WORKFLOW_FROM_USERS = 10_000;
const STYLES = ['streamed', 'laravel'] as const;
const CONTACT_COUNTS = (process.env.BENCH_CONTACTS ?? '1000,10000').split(',').map(Number);
const RANGE = { from: '2024-05-01 00:00:00', to: '2024-05-07 23:59:59' };
const TENANT_RANGE = { from: Date.UTC(2024, 4, 1) / 1000, to: Date.UTC(2024, 4, 8) / 1000 - 1 };
/** The three plain field reads a contact mapping usually is. */
const EXPRESSIONS = {
	user_id: '={{ $json.email }}',
	first_name: '={{ $json.first_name }}',
	n: '={{ $json.n }}',
};

/** The install folder of an n8n line, or undefined while it is not (yet) installed. */
export function installedN8n(version: string): string | undefined {
	const cache =
		process.env.OPENDIALOG_N8N_CACHE ??
		path.join(process.env.HOME ?? '', '.cache', 'n8n-nodes-opendialog');
	const dir = path.join(cache, `n8n-${version}`);
	if (!existsSync(path.join(dir, '.installed'))) return undefined;
	// The script only prints the folder of a finished install.
	execFileSync('bash', [path.join(ROOT, 'scripts', 'install-n8n.sh')], {
		env: { ...process.env, N8N_VERSION: version },
		stdio: 'ignore',
	});
	return dir;
}

export function executionTime(run: N8nRun, ...nodes: string[]): number {
	return nodes.reduce((sum, node) => {
		const task = run.data.resultData.runData[node]?.[0];
		if (!task?.data)
			throw new Error(
				`node ${node} did not run: ${JSON.stringify(task?.error ?? run.data.resultData.error)}`,
			);
		return sum + task.executionTime;
	}, 0);
}

function outputCount(run: N8nRun, node: string): number {
	return run.data.resultData.runData[node]?.[0]?.data?.main[0]?.length ?? 0;
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const contactsCode = (contacts: number): WorkflowNode => ({
	name: 'Contacts',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: {
		jsCode: `return Array.from({ length: ${contacts} }, (_, n) => ({ json: { email: 'c' + n + '@example.com', first_name: 'Contact ' + n, n } }));`,
	},
});

/** The same chain started by a caller, ending in one item so the caller's run stays small. */
function subWorkflow(id: string, chain: WorkflowNode[]) {
	const workflow = chainWorkflow(id, [
		...chain,
		{ name: 'Limit', type: 'n8n-nodes-base.limit', parameters: { maxItems: 1 } },
	]);
	workflow.nodes[0] = {
		...workflow.nodes[0],
		type: 'n8n-nodes-base.executeWorkflowTrigger',
		typeVersion: 1,
	};
	return { ...workflow, settings: { ...workflow.settings, callerPolicy: 'any' } };
}

function callerWorkflow(id: string, subWorkflowId: string) {
	return chainWorkflow(id, [
		{
			name: 'Execute Workflow',
			type: 'n8n-nodes-base.executeWorkflow',
			parameters: { source: 'database', workflowId: subWorkflowId, options: {} },
		},
	]);
}

function httpRequest(
	name: string,
	server: ServerProcess,
	parameters: Record<string, unknown>,
): WorkflowNode {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'Authorization', value: `Bearer ${server.token}` },
					{ name: 'Accept', value: 'application/json' },
				],
			},
			options: {},
			...parameters,
		},
	};
}

export function workflows(server: ServerProcess) {
	const getInteractions: WorkflowNode = {
		name: 'Get Interactions',
		type: 'n8n-nodes-opendialog.openDialogGetInteractions',
		parameters: {
			from: RANGE.from.replace(' ', 'T'),
			to: RANGE.to.replace(' ', 'T'),
			outputMode: 'perUser',
		},
		credentials: credentialRef('od-bench'),
	};
	const byHand: WorkflowNode[] = [
		httpRequest('HTTP Request', server, {
			url: `${server.url}/public/api/user-interactions`,
			sendQuery: true,
			queryParameters: {
				parameters: [
					{ name: 'from', value: RANGE.from },
					{ name: 'to', value: RANGE.to },
				],
			},
		}),
		{
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			parameters: { fieldToSplitOut: 'data', options: {} },
		},
	];
	return [
		chainWorkflow('bench-get', [getInteractions]),
		chainWorkflow('bench-get-by-hand', byHand),
		subWorkflow('bench-get-sub', [getInteractions]),
		subWorkflow('bench-get-by-hand-sub', byHand),
		callerWorkflow('bench-get-large', 'bench-get-sub'),
		callerWorkflow('bench-get-by-hand-large', 'bench-get-by-hand-sub'),
		...CONTACT_COUNTS.flatMap((contacts) => linksWorkflows(server, contacts)),
	];
}

function linksWorkflows(server: ServerProcess, contacts: number) {
	return [
		chainWorkflow(`bench-links-${contacts}`, [
			contactsCode(contacts),
			{
				name: 'Generate Webchat Deeplinks',
				type: 'n8n-nodes-opendialog.openDialogGenerateWebchatDeeplinks',
				parameters: {
					scenarioBy: 'id',
					scenarioId: 'scn-welcome',
					userId: EXPRESSIONS.user_id,
					attributesMode: 'defineBelow',
					attributes: {
						attribute: [
							{ name: 'first_name', value: EXPRESSIONS.first_name },
							{ name: 'n', value: EXPRESSIONS.n },
						],
					},
				},
				credentials: credentialRef('od-bench'),
			},
		]),
		chainWorkflow(`bench-links-by-hand-${contacts}`, [
			contactsCode(contacts),
			httpRequest('HTTP Request', server, {
				method: 'POST',
				url: `${server.url}/public/api/generate-webchat-deep-link`,
				sendBody: true,
				specifyBody: 'json',
				jsonBody:
					"={{ JSON.stringify({ scenario_id: 'scn-welcome', dataset: [{ user_id: $json.email, attributes: { first_name: $json.first_name, n: $json.n } }] }) }}",
			}),
		]),
		// The floor for any node reading three expressions per item: n8n evaluating them.
		chainWorkflow(`bench-links-floor-${contacts}`, [
			contactsCode(contacts),
			{
				name: 'Edit Fields',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: {
					assignments: {
						assignments: Object.entries(EXPRESSIONS).map(([name, value], index) => ({
							id: `a${index}`,
							name,
							value,
							type: 'string',
						})),
					},
					options: {},
				},
			},
		]),
	];
}

/** An n8n of the given install with the package, the bench credential and workflows. */
export async function benchN8n(installDir: string, server: ServerProcess): Promise<RealN8n> {
	// Sub-workflows are not saved either, so saving 50,000 users' run data is not timed.
	const n8n = new RealN8n(
		installDir,
		packPackage(path.join(ROOT, '.tmp', 'pack-bench')),
		undefined,
		{ EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false' },
	);
	await n8n.importCredentials([
		{
			id: 'od-bench',
			name: 'OpenDialog bench',
			type: 'openDialogApi',
			data: { baseUrl: server.url, apiToken: server.token, apiVersion: 'public' },
		},
	]);
	for (const workflow of workflows(server)) await n8n.importWorkflow(workflow);
	return n8n;
}

/** Gives the test server a tenant of `users` × 20 interactions, answered in `style`. */
export async function useTenant(
	server: ServerProcess,
	users: number,
	style: (typeof STYLES)[number],
): Promise<void> {
	await server.admin('POST', 'reset', {
		answerStyle: style,
		tenant: { users, interactionsPerUser: 20, ...TENANT_RANGE, seed: 1 },
	});
	// The buffered answer is encoded once: here, so neither side pays for building it.
	await fetch(`${server.url}/public/api/user-interactions?${new URLSearchParams(RANGE)}`, {
		headers: { Authorization: `Bearer ${server.token}`, Accept: 'application/json' },
	}).then((response) => response.arrayBuffer());
}

/** Runs a workflow once; throws with n8n's output when it did not complete. */
export async function runWorkflow(
	n8n: RealN8n,
	id: string,
	extraEnv: NodeJS.ProcessEnv = {},
): Promise<N8nRun> {
	const result = await n8n.execute(id, extraEnv);
	if (!result.run || result.run.data.resultData.error)
		throw new Error(`${id} failed:\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
	return result.run;
}

async function measureLine(
	version: string,
	installDir: string,
	server: ServerProcess,
	table: Table,
) {
	const n8n = await benchN8n(installDir, server);
	const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
	const all: Record<string, number[]> = {};
	const run = (id: string) => runWorkflow(n8n, id);
	try {
		const rows: string[][] = [];
		for (const users of USER_COUNTS) {
			const large = users >= SUB_WORKFLOW_FROM_USERS;
			for (const style of STYLES) {
				await useTenant(server, users, style);
				const ours: number[] = [];
				const byHand: number[] = [];
				let counts = '';
				// Interleaved rounds, median of each: one run alone would mostly measure warm-up.
				for (let round = 0; round < rounds; round++) {
					if (large) {
						ours.push(executionTime(await run('bench-get-large'), 'Execute Workflow'));
						byHand.push(executionTime(await run('bench-get-by-hand-large'), 'Execute Workflow'));
						counts = 'via sub-workflow';
						continue;
					}
					const oursRun = await run('bench-get');
					const byHandRun = await run('bench-get-by-hand');
					ours.push(executionTime(oursRun, 'Get Interactions'));
					byHand.push(executionTime(byHandRun, 'HTTP Request', 'Split Out'));
					counts = `${outputCount(oursRun, 'Get Interactions')} / ${outputCount(byHandRun, 'Split Out')}`;
				}
				all[`${users} users ${style}: Get Interactions`] = ours;
				all[`${users} users ${style}: HTTP Request + Split Out`] = byHand;
				rows.push([
					users.toLocaleString('en-US'),
					style === 'laravel' ? 'buffered, Content-Length' : 'streamed',
					`${median(ours)} ms`,
					`${median(byHand)} ms`,
					counts,
					`${(median(ours) / median(byHand)).toFixed(2)}×`,
				]);
			}
		}
		console.log(
			`### n8n ${version}: Get Interactions (users × 20 interactions, one item per user)\n`,
		);
		table(
			[
				'users',
				'answer',
				'Get Interactions',
				'HTTP Request + Split Out',
				'items',
				'package / by hand (≤0.8×)',
			],
			rows,
		);

		for (const contacts of CONTACT_COUNTS) {
			const links: number[] = [];
			const perItem: number[] = [];
			const floor: number[] = [];
			for (let round = 0; round < rounds; round++) {
				await server.admin('POST', 'reset', {});
				const linksRun = await run(`bench-links-${contacts}`);
				links.push(executionTime(linksRun, 'Generate Webchat Deeplinks'));
				if (outputCount(linksRun, 'Generate Webchat Deeplinks') !== contacts)
					throw new Error(`bench-links-${contacts} did not output one link per contact`);
				// One request per contact: at 10,000 that is minutes a round, and 1,000 shows it.
				if (contacts <= 1_000)
					perItem.push(executionTime(await run(`bench-links-by-hand-${contacts}`), 'HTTP Request'));
				floor.push(executionTime(await run(`bench-links-floor-${contacts}`), 'Edit Fields'));
			}
			all[`${contacts} contacts: Generate Webchat Deeplinks`] = links;
			all[`${contacts} contacts: HTTP Request per item`] = perItem;
			all[`${contacts} contacts: Edit Fields (floor)`] = floor;
			console.log(
				`### n8n ${version}: ${contacts.toLocaleString('en-US')} contacts, three \`{{ $json.… }}\` expressions each\n`,
			);
			table(
				['job', 'time', 'vs Edit Fields (≤0.25×)'],
				[
					[
						'Generate Webchat Deeplinks',
						`${median(links)} ms`,
						`${(median(links) / median(floor)).toFixed(2)}×`,
					],
					perItem.length === 0
						? ['HTTP Request per item', 'not run', '–']
						: [
								'HTTP Request per item',
								`${median(perItem)} ms`,
								`${(median(perItem) / median(floor)).toFixed(2)}×`,
							],
					['Edit Fields, same expressions (floor)', `${median(floor)} ms`, '1.00×'],
				],
			);
		}
		console.log(`Median of ${rounds} interleaved runs; all runs (ms): ${JSON.stringify(all)}\n`);
	} finally {
		n8n.dispose();
	}
}

export async function runSideBySide(server: ServerProcess, table: Table): Promise<void> {
	console.log('## 3. In real n8n, side by side\n');
	for (const version of N8N_VERSIONS) {
		const installDir = installedN8n(version);
		if (!installDir) {
			console.log(
				`### n8n ${version}: not installed (N8N_VERSION=${version} bash scripts/install-n8n.sh)\n`,
			);
			continue;
		}
		await measureLine(version, installDir, server, table);
	}
}
