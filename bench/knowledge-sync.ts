/**
 * Part 6: the memory one file from binary data costs on its way up; then, in real n8n,
 * Knowledge → Sync Documents of text documents into a topic against the local server with
 * 20 ms added to every answer, beside what a user wires today: HTTP Request posting one
 * source per item. Then the same Sync again, unchanged: only reads.
 */
import type { N8nRun } from '../test/helpers/real-n8n';
import { chainWorkflow, credentialRef, type WorkflowNode } from '../test/helpers/workflows';
import { httpRequest } from './n8n-workflows';
import {
	benchN8n,
	executionTime,
	forEachInstalledLine,
	runWorkflow,
	type Table,
} from './real-n8n-bench';
import type { ServerProcess } from './server-process';

const DOCUMENTS = Number(process.env.BENCH_KNOWLEDGE_DOCS ?? 1000);
const LATENCY_MS = 20;

const documentsCode = (count: number): WorkflowNode => ({
	name: 'Documents',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: {
		jsCode: `return Array.from({ length: ${count} }, (_, n) => ({ json: { title: 'doc_' + n, body: 'Answer number ' + n + ' of the help centre.' } }));`,
	},
});

async function api<T>(server: ServerProcess, method: string, path: string, body: unknown) {
	const response = await fetch(`${server.url}/public/api/${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${server.token}`,
			Accept: 'application/json',
			'Content-Type': 'application/json',
		},
		body: JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
	return (await response.json()) as T;
}

/** A service, and the topic the hand-built workflow posts into (Sync creates its own). */
async function prepareTenant(server: ServerProcess, latencyMs = LATENCY_MS) {
	await server.admin('POST', 'reset', { latencyMs });
	const service = await api<{ data: { id: string } }>(server, 'POST', 'knowledge-service', {
		name: 'bench',
		configuration: { language_model_configuration_name: 'default' },
	});
	const serviceId = service.data.id;
	const topic = await api<{ data: { id: string } }>(
		server,
		'POST',
		`language-processor/${serviceId}/language-processor-topic`,
		{ name: 'bench_by_hand', description: '' },
	);
	return { serviceId, topicId: topic.data.id };
}

function workflows(server: ServerProcess, serviceId: string, topicId: string) {
	return [
		chainWorkflow('bench-knowledge-sync', [
			documentsCode(DOCUMENTS),
			{
				name: 'Sync',
				type: 'n8n-nodes-opendialog.openDialogKnowledge',
				parameters: {
					resource: 'topic',
					operation: 'sync',
					knowledgeService: { __rl: true, mode: 'id', value: serviceId },
					topicName: 'bench_sync',
					sourceType: 'text',
					sourceName: '={{ $json.title }}',
					text: '={{ $json.body }}',
					options: { vectorisation: 'none' },
				},
				credentials: credentialRef('od-bench'),
			},
		]),
		chainWorkflow('bench-knowledge-by-hand', [
			documentsCode(DOCUMENTS),
			httpRequest('HTTP Request', server, {
				method: 'POST',
				url: `${server.url}/public/api/language-processor/${serviceId}/language-processor-topic/${topicId}/language-processor-topic-source`,
				sendBody: true,
				specifyBody: 'json',
				jsonBody:
					"={{ JSON.stringify({ type: 'text', configuration: { name: $json.title, source: $json.body } }) }}",
			}),
		]),
	];
}

async function knowledgeRequests(server: ServerProcess) {
	const log = await server.admin<Array<{ method: string; path: string }>>('GET', 'requests');
	await server.admin('DELETE', 'requests');
	const knowledge = log.filter((entry) => entry.path.includes('language-processor'));
	const writes = knowledge.filter((entry) => entry.method !== 'GET').length;
	return `${knowledge.length} (${writes} writes)`;
}

function items(run: N8nRun, node: string): number {
	return run.data.resultData.runData[node]?.[0]?.data?.main[0]?.length ?? 0;
}

/** Runs one measurement of bench/measure.ts in a fresh process (bench/run.ts's). */
export type Measure = (kind: string, args: object) => Record<string, number>;

const FILE_MB = Number(process.env.BENCH_KNOWLEDGE_FILE_MB ?? 20);

/** Topic Source → Create with one file: how far memory grows beyond the file's size. */
async function fileUploadMemory(server: ServerProcess, table: Table, measure: Measure) {
	const { serviceId, topicId } = await prepareTenant(server, 0);
	const result = measure('knowledgeFileUpload', {
		url: server.url,
		token: server.token,
		serviceId,
		topicId,
		fileMb: FILE_MB,
	});
	const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
	console.log(`### One ${FILE_MB} MB file from binary data, Topic Source → Create
`);
	table(
		['file', 'node', 'peak memory growth', 'growth / file'],
		[
			[
				mb(result.fileBytes),
				`${Math.round(result.executionTime)} ms`,
				mb(result.peakMemoryBytes),
				`${(result.peakMemoryBytes / result.fileBytes).toFixed(1)}×`,
			],
		],
	);
}

export async function runKnowledgeSync(
	server: ServerProcess,
	table: Table,
	measure: Measure,
): Promise<void> {
	console.log('## 6. Knowledge\n');
	await fileUploadMemory(server, table, measure);
	console.log(
		`### Sync of ${DOCUMENTS.toLocaleString('en-US')} text documents, ${LATENCY_MS} ms added to each answer, in real n8n\n`,
	);
	await forEachInstalledLine(async (version, installDir) => {
		const { serviceId, topicId } = await prepareTenant(server);
		const n8n = await benchN8n(installDir, server);
		try {
			for (const workflow of workflows(server, serviceId, topicId))
				await n8n.importWorkflow(workflow);
			await server.admin('DELETE', 'requests');
			const rows: string[][] = [];
			const first = await runWorkflow(n8n, 'bench-knowledge-sync');
			const firstMs = executionTime(first, 'Sync');
			rows.push([
				'Sync, new topic',
				`${firstMs} ms`,
				await knowledgeRequests(server),
				`${items(first, 'Sync')}`,
			]);
			const again = await runWorkflow(n8n, 'bench-knowledge-sync');
			rows.push([
				'Sync again, nothing changed',
				`${executionTime(again, 'Sync')} ms`,
				await knowledgeRequests(server),
				`${items(again, 'Sync')}`,
			]);
			const byHand = await runWorkflow(n8n, 'bench-knowledge-by-hand');
			const byHandMs = executionTime(byHand, 'HTTP Request');
			rows.push([
				'HTTP Request, one source per item',
				`${byHandMs} ms`,
				await knowledgeRequests(server),
				`${items(byHand, 'HTTP Request')}`,
			]);
			console.log(`#### n8n ${version}\n`);
			table(['job', 'time', 'requests', 'items'], rows);
			console.log(
				`Sync is ${(byHandMs / firstMs).toFixed(1)}× faster than one request per item (target ≥10×).\n`,
			);
		} finally {
			n8n.dispose();
		}
	});
	await server.admin('POST', 'reset', { latencyMs: 0 });
}
