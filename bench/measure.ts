/**
 * One measurement in a fresh process, printed as one JSON line: wall time, peak memory above
 * the process's baseline (Linux VmHWM), and what was produced.
 *   measure.ts <kind> <json args>
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { runNode } from '../test/helpers/run-node';

// The built package, as shipped (npm run bench builds it first).
const dist = (file: string) => path.resolve(__dirname, '..', 'dist', 'nodes', file);
const { OpenDialogGetInteractions } = require(
	dist('OpenDialogGetInteractions/OpenDialogGetInteractions.node.js'),
) as typeof import('../nodes/OpenDialogGetInteractions/OpenDialogGetInteractions.node');
const { OpenDialogGenerateWebchatDeeplinks } = require(
	dist('OpenDialogGenerateWebchatDeeplinks/OpenDialogGenerateWebchatDeeplinks.node.js'),
) as typeof import('../nodes/OpenDialogGenerateWebchatDeeplinks/OpenDialogGenerateWebchatDeeplinks.node');

const { OpenDialogKnowledge } = require(
	dist('OpenDialogKnowledge/OpenDialogKnowledge.node.js'),
) as typeof import('../nodes/OpenDialogKnowledge/OpenDialogKnowledge.node');

interface Args {
	url: string;
	token: string;
	from: string;
	to: string;
	windowHours?: number;
	items?: number;
	batchSize?: number;
	/** Leave the user id to OpenDialog instead of the `{{ $json.email }}` expression. */
	generatedIds?: boolean;
	/** Topic Source → Create: the topic, and the size of the file to upload. */
	serviceId?: string;
	topicId?: string;
	fileMb?: number;
}

/** The input file is built before the baseline: only the upload's own memory is measured. */
let fileItems: Array<{ json: object; binary: Record<string, object> }> = [];

function peakRssBytes(): number {
	const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
	return match ? Number(match[1]) * 1024 : process.memoryUsage().rss;
}

const contacts = (count: number) =>
	Array.from({ length: count }, (_, n) => ({
		json: { email: `c${n}@example.com`, first_name: `Contact ${n}`, n },
	}));

const measurements: Record<string, (args: Args) => Promise<Record<string, number>>> = {
	/** The floor: the same request and JSON.parse, no items built. */
	async fetchAndParse(args) {
		const query = new URLSearchParams({
			from: args.from.replace('T', ' '),
			to: args.to.replace('T', ' '),
		});
		const response = await fetch(`${args.url}/public/api/user-interactions?${query}`, {
			headers: { Authorization: `Bearer ${args.token}`, Accept: 'application/json' },
		});
		const text = await response.text();
		const body = JSON.parse(text) as { data: unknown[] };
		return { bodyBytes: Buffer.byteLength(text), users: body.data.length };
	},

	async getInteractions(args) {
		const run = await runNode({
			node: new OpenDialogGetInteractions(),
			parameters: {
				from: args.from,
				to: args.to,
				outputMode: 'perUser',
				options: { windowHours: args.windowHours ?? 0 },
			},
			credentials: { baseUrl: args.url, apiToken: args.token, apiVersion: 'public' },
		});
		if (run.error) throw run.error;
		return { users: run.items.length, executionTime: run.executionTime };
	},

	async generateDeeplinks(args) {
		const run = await runNode({
			node: new OpenDialogGenerateWebchatDeeplinks(),
			parameters: {
				scenarioBy: 'id',
				scenarioId: 'scn-welcome',
				userId: args.generatedIds ? '' : '={{ $json.email }}',
				attributesMode: 'allFields',
				options: { batchSize: args.batchSize ?? 100 },
			},
			credentials: { baseUrl: args.url, apiToken: args.token, apiVersion: 'public' },
			items: contacts(args.items ?? 0),
		});
		if (run.error) throw run.error;
		return {
			links: run.items.filter((item) => item.json.deeplink).length,
			executionTime: run.executionTime,
		};
	},

	/** One file from binary data up to a topic, as Topic Source → Create sends it. */
	async knowledgeFileUpload(args) {
		const run = await runNode({
			node: new OpenDialogKnowledge(),
			parameters: {
				resource: 'topicSource',
				operation: 'create',
				knowledgeService: { __rl: true, mode: 'id', value: args.serviceId! },
				topic: { __rl: true, mode: 'id', value: args.topicId! },
				sourceType: 'file',
				options: { maxFileSizeMb: (args.fileMb ?? 20) + 1 },
			},
			credentials: { baseUrl: args.url, apiToken: args.token, apiVersion: 'public' },
			items: fileItems as never,
		});
		if (run.error) throw run.error;
		return {
			fileBytes: Math.round((args.fileMb ?? 20) * 1_048_576),
			executionTime: run.executionTime,
		};
	},

	/** What a hand-written loop does: one request per contact. */
	async deeplinksPerItem(args) {
		let links = 0;
		for (const { json } of contacts(args.items ?? 0)) {
			const response = await fetch(`${args.url}/public/api/generate-webchat-deep-link`, {
				method: 'POST',
				headers: {
					Authorization: `Bearer ${args.token}`,
					Accept: 'application/json',
					'Content-Type': 'application/json',
				},
				body: JSON.stringify({
					scenario_id: 'scn-welcome',
					dataset: [{ user_id: json.email, attributes: json }],
				}),
			});
			links += ((await response.json()) as unknown[]).length;
		}
		return { links };
	},
};

async function main(): Promise<void> {
	const [kind, rawArgs] = process.argv.slice(2);
	const args = JSON.parse(rawArgs) as Args;
	// An empty range first warms modules, the JIT and n8n's engine, so the figures are the work's own.
	if (kind === 'fetchAndParse' || kind === 'getInteractions') {
		await measurements[kind]({ ...args, from: '2000-01-01T00:00:00', to: '2000-01-01T00:00:00' });
	}
	if (kind === 'knowledgeFileUpload') {
		const content = Buffer.alloc(Math.round((args.fileMb ?? 20) * 1_048_576), 7);
		fileItems = [
			{
				json: {},
				binary: {
					data: {
						data: content.toString('base64'),
						mimeType: 'application/pdf',
						fileName: 'big.pdf',
					},
				},
			},
		];
	}
	const baseline = peakRssBytes();
	const started = process.hrtime.bigint();
	const result = await measurements[kind](args);
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	process.stdout.write(
		`${JSON.stringify({ ...result, wallMs, peakMemoryBytes: peakRssBytes() - baseline })}\n`,
	);
	process.exit(0);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
