/**
 * Part 5: OpenDialog Chat's cost per message in real n8n, beside an HTTP Request node making
 * the same call (the same path, headers and body, one request per item), at 1 and 1,000
 * messages, each to a user of its own. Times are each node's `executionTime`; the test
 * server's reply is the same scripted answer for both.
 */
import path from 'node:path';

import { packPackage, RealN8n } from '../test/helpers/real-n8n';
import { chainWorkflow, type WorkflowNode } from '../test/helpers/workflows';
import { CHAT_APP_KEY, CHAT_SCENARIO_ID, defaultChatConfig } from '../test/server/chat-routes';
import { executionTime, forEachInstalledLine, runWorkflow, type Table } from './real-n8n-bench';
import type { ServerProcess } from './server-process';

const MESSAGE_COUNTS = (process.env.BENCH_CHAT_MESSAGES ?? '1,1000')
	.split(',')
	.filter(Boolean)
	.map(Number);

const messagesCode = (count: number): WorkflowNode => ({
	name: 'Messages',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: {
		jsCode: `return Array.from({ length: ${count} }, (_, n) => ({ json: { from: 'bench-' + n, text: 'opening hours' } }));`,
	},
});

function chatNode(): WorkflowNode {
	return {
		name: 'OpenDialog Chat',
		type: 'n8n-nodes-opendialog.openDialogChat',
		parameters: {
			operation: 'sendMessage',
			userId: '={{ $json.from }}',
			messageType: 'text',
			text: '={{ $json.text }}',
			options: {},
		},
		credentials: { openDialogChatApi: { id: 'od-chat-bench', name: 'OpenDialog Chat bench' } },
	};
}

/** What a user would wire by hand: the v3 headers and the webchat's envelope. */
function httpRequestNode(server: ServerProcess): WorkflowNode {
	const header = (name: string, value: string) => ({ name, value });
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${server.url}/chat-api/message`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					header('Authorization', `Bearer ${CHAT_APP_KEY}`),
					header('Accept', 'application/json'),
					header('OPENDIALOG-USER-ID', '={{ $json.from }}'),
					header('OPENDIALOG-SCENARIO-ID', CHAT_SCENARIO_ID),
				],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ notification: 'message', user_id: $json.from, author: $json.from, content: { type: 'text', author: $json.from, data: { text: $json.text }, user: { custom: { selected_scenario: '${CHAT_SCENARIO_ID}' } } } }) }}`,
			options: {},
		},
	};
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measureLine(
	version: string,
	installDir: string,
	server: ServerProcess,
	table: Table,
) {
	const n8n = new RealN8n(
		installDir,
		packPackage(path.resolve(__dirname, '..', '.tmp', 'pack-bench')),
		undefined,
		{ EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false' },
	);
	try {
		await n8n.importCredentials([
			{
				id: 'od-chat-bench',
				name: 'OpenDialog Chat bench',
				type: 'openDialogChatApi',
				data: {
					baseUrl: server.url,
					appToken: CHAT_APP_KEY,
					scenarioId: CHAT_SCENARIO_ID,
					generation: 'v3',
				},
			},
		]);
		for (const count of MESSAGE_COUNTS) {
			await n8n.importWorkflow(
				chainWorkflow(`bench-chat-${count}`, [messagesCode(count), chatNode()]),
			);
			await n8n.importWorkflow(
				chainWorkflow(`bench-chat-by-hand-${count}`, [
					messagesCode(count),
					httpRequestNode(server),
				]),
			);
		}
		const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
		const rows: string[][] = [];
		const all: Record<string, number[]> = {};
		for (const count of MESSAGE_COUNTS) {
			const ours: number[] = [];
			const byHand: number[] = [];
			for (let round = 0; round < rounds; round++) {
				await server.admin('POST', 'reset', { chat: defaultChatConfig() });
				ours.push(executionTime(await runWorkflow(n8n, `bench-chat-${count}`), 'OpenDialog Chat'));
				await server.admin('POST', 'reset', { chat: defaultChatConfig() });
				byHand.push(
					executionTime(await runWorkflow(n8n, `bench-chat-by-hand-${count}`), 'HTTP Request'),
				);
			}
			all[`${count} messages: OpenDialog Chat`] = ours;
			all[`${count} messages: HTTP Request`] = byHand;
			rows.push([
				count.toLocaleString('en-US'),
				`${median(ours)} ms`,
				`${median(byHand)} ms`,
				`${(median(ours) / count).toFixed(2)} ms`,
				`${(median(byHand) / count).toFixed(2)} ms`,
				`${(median(ours) / median(byHand)).toFixed(2)}×`,
			]);
		}
		console.log(`### n8n ${version}: Send Message, one user per message\n`);
		table(
			[
				'messages',
				'OpenDialog Chat',
				'HTTP Request',
				'per message',
				'per message by hand',
				'package / by hand (≤1×)',
			],
			rows,
		);
		console.log(`Median of ${rounds} interleaved runs; all runs (ms): ${JSON.stringify(all)}\n`);
	} finally {
		n8n.dispose();
	}
}

export async function runChatBench(server: ServerProcess, table: Table): Promise<void> {
	console.log('## 5. OpenDialog Chat in real n8n, beside HTTP Request\n');
	await forEachInstalledLine((version, installDir) =>
		measureLine(version, installDir, server, table),
	);
}
