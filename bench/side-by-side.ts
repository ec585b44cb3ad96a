/**
 * Part 3: real n8n, the package's nodes against what a user would wire by hand with n8n's
 * own nodes, on the same tenant. Times are each node's `executionTime` from n8n's run data.
 */
import path from 'node:path';

import { n8nInstallDir, packPackage, RealN8n, type N8nRun } from '../test/helpers/real-n8n';
import { chainWorkflow, credentialRef, type WorkflowNode } from '../test/helpers/workflows';
import type { ServerProcess } from './server-process';

type Table = (headers: string[], rows: string[][]) => void;

const USERS = 10_000;
const CONTACTS = 1_000;
const RANGE = { from: '2024-05-01 00:00:00', to: '2024-05-07 23:59:59' };

function executionTime(run: N8nRun | undefined, ...nodes: string[]): number {
	return nodes.reduce((sum, node) => {
		const task = run?.data.resultData.runData[node]?.[0];
		if (!task?.data)
			throw new Error(
				`node ${node} did not run: ${JSON.stringify(task?.error ?? run?.data.resultData.error)}`,
			);
		return sum + task.executionTime;
	}, 0);
}

function outputCount(run: N8nRun | undefined, node: string): number {
	return run?.data.resultData.runData[node]?.[0]?.data?.main[0]?.length ?? 0;
}

const contactsCode: WorkflowNode = {
	name: 'Contacts',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: {
		jsCode: `return Array.from({ length: ${CONTACTS} }, (_, n) => ({ json: { email: 'c' + n + '@example.com', first_name: 'Contact ' + n, n } }));`,
	},
};

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

export async function runSideBySide(server: ServerProcess, table: Table): Promise<void> {
	console.log(
		`## 3. In real n8n, side by side (${USERS / 1000}k users × 20 interactions; ${CONTACTS / 1000}k contacts)\n`,
	);
	const n8n = new RealN8n(
		n8nInstallDir(),
		packPackage(path.resolve(__dirname, '..', '.tmp', 'pack-bench')),
	);
	try {
		await n8n.importCredentials([
			{
				id: 'od-bench',
				name: 'OpenDialog bench',
				type: 'openDialogApi',
				data: { baseUrl: server.url, apiToken: server.token, apiVersion: 'public' },
			},
		]);
		await server.admin('POST', 'reset', {
			tenant: {
				users: USERS,
				interactionsPerUser: 20,
				from: Date.UTC(2024, 4, 1) / 1000,
				to: Date.UTC(2024, 4, 8) / 1000 - 1,
				seed: 1,
			},
		});
		const workflows = {
			ours: chainWorkflow('bench-get', [
				{
					name: 'Get Interactions',
					type: 'n8n-nodes-opendialog.openDialogGetInteractions',
					parameters: {
						from: RANGE.from.replace(' ', 'T'),
						to: RANGE.to.replace(' ', 'T'),
						outputMode: 'perUser',
					},
					credentials: credentialRef('od-bench'),
				},
			]),
			byHand: chainWorkflow('bench-get-by-hand', [
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
			]),
			oursLinks: chainWorkflow('bench-links', [
				contactsCode,
				{
					name: 'Generate Webchat Deeplinks',
					type: 'n8n-nodes-opendialog.openDialogGenerateWebchatDeeplinks',
					parameters: {
						scenarioBy: 'id',
						scenarioId: 'scn-welcome',
						userId: '={{ $json.email }}',
						attributesMode: 'allFields',
					},
					credentials: credentialRef('od-bench'),
				},
			]),
			linksByHand: chainWorkflow('bench-links-by-hand', [
				contactsCode,
				httpRequest('HTTP Request', server, {
					method: 'POST',
					url: `${server.url}/public/api/generate-webchat-deep-link`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody:
						"={{ JSON.stringify({ scenario_id: 'scn-welcome', dataset: [{ user_id: $json.email, attributes: $json }] }) }}",
				}),
			]),
		};
		for (const workflow of Object.values(workflows)) await n8n.importWorkflow(workflow);

		const run = async (id: string) => {
			const started = Date.now();
			const result = await n8n.execute(id);
			if (result.exitCode !== 0 || !result.run)
				throw new Error(
					`${id} failed:\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`,
				);
			return { run: result.run, wallMs: Date.now() - started };
		};
		// Interleaved rounds, median of each: one run alone would mostly measure warm-up.
		const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
		const times: Record<string, number[]> = {
			ours: [],
			byHand: [],
			oursLinks: [],
			linksByHand: [],
		};
		let last: Record<string, N8nRun> = {};
		for (let round = 0; round < rounds; round++) {
			const ours = await run('bench-get');
			const byHand = await run('bench-get-by-hand');
			const oursLinks = await run('bench-links');
			const linksByHand = await run('bench-links-by-hand');
			times.ours.push(executionTime(ours.run, 'Get Interactions'));
			times.byHand.push(executionTime(byHand.run, 'HTTP Request', 'Split Out'));
			times.oursLinks.push(executionTime(oursLinks.run, 'Generate Webchat Deeplinks'));
			times.linksByHand.push(executionTime(linksByHand.run, 'HTTP Request'));
			last = {
				ours: ours.run,
				byHand: byHand.run,
				oursLinks: oursLinks.run,
				linksByHand: linksByHand.run,
			};
		}
		const median = (values: number[]) =>
			[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
		const oursTime = median(times.ours);
		const byHandTime = median(times.byHand);
		const oursLinksTime = median(times.oursLinks);
		const linksByHandTime = median(times.linksByHand);
		const ours = { run: last.ours };
		const byHand = { run: last.byHand };
		const oursLinks = { run: last.oursLinks };
		const linksByHand = { run: last.linksByHand };
		console.log(`Median of ${rounds} interleaved runs; all runs (ms): ${JSON.stringify(times)}\n`);
		table(
			['job', 'this package', 'items', 'by hand with n8n nodes', 'items', 'by hand / package'],
			[
				[
					'interactions',
					`${oursTime} ms (Get Interactions)`,
					`${outputCount(ours.run, 'Get Interactions')}`,
					`${byHandTime} ms (HTTP Request + Split Out)`,
					`${outputCount(byHand.run, 'Split Out')}`,
					`${(byHandTime / oursTime).toFixed(2)}×`,
				],
				[
					'deeplinks',
					`${oursLinksTime} ms (Generate Webchat Deeplinks)`,
					`${outputCount(oursLinks.run, 'Generate Webchat Deeplinks')}`,
					`${linksByHandTime} ms (HTTP Request per item)`,
					`${outputCount(linksByHand.run, 'HTTP Request')}`,
					`${(linksByHandTime / oursLinksTime).toFixed(2)}×`,
				],
			],
		);
		console.log(
			'The hand-built interactions items are `{ "<user_id>": {...} }`, still needing a Code node to lift the user id; this package outputs `{ user_id, ... }` directly.\n',
		);
	} finally {
		n8n.dispose();
	}
}
