/**
 * `npm run bench`: prints the figures behind BENCHMARKS.md. Each measurement runs in a fresh
 * process against the local OpenDialog test server (its own process too), so wall times and
 * peak memory are not shared between cases. No pass/fail: the targets are printed beside the
 * figures.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';

import { runSideBySide } from './side-by-side';
import { startServerProcess, type ServerProcess } from './server-process';

const FROM = '2024-05-01T00:00:00';
const TO = '2024-05-07T23:59:59';
const TENANT_RANGE = { from: Date.UTC(2024, 4, 1) / 1000, to: Date.UTC(2024, 4, 8) / 1000 - 1 };

function measure(kind: string, args: object): Record<string, number> {
	const output = execFileSync(
		process.execPath,
		['--max-old-space-size=8192', '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'measure.ts'), kind, JSON.stringify(args)],
		{ encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
	);
	return JSON.parse(output.trim().split('\n').pop()!);
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const ms = (value: number) => `${Math.round(value)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

function table(headers: string[], rows: string[][]): void {
	const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	console.log(line(headers));
	console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const row of rows) console.log(line(row));
	console.log('');
}

async function interactionsAtScale(server: ServerProcess): Promise<void> {
	console.log('## 1. Get Interactions at scale (users × 20 interactions, one request unless windowed)\n');
	const rows: string[][] = [];
	let previous: { users: number; node: number } | undefined;
	for (const users of [1_000, 10_000, 50_000]) {
		await server.admin('POST', 'config', { tenant: { users, interactionsPerUser: 20, ...TENANT_RANGE, seed: 1 } });
		const args = { url: server.url, token: server.token, from: FROM, to: TO };
		const limit = measure('fetchAndParse', args);
		const node = measure('getInteractions', args);
		const windowed = measure('getInteractions', { ...args, windowHours: 24 });
		const growth = previous
			? `${ratio(node.wallMs / users, previous.node / previous.users)} per user vs ${previous.users / 1000}k`
			: '–';
		rows.push([
			`${users / 1000}k`,
			mb(limit.bodyBytes),
			ms(limit.wallMs),
			ms(node.wallMs),
			ratio(node.wallMs, limit.wallMs),
			mb(limit.peakMemoryBytes),
			mb(node.peakMemoryBytes),
			ratio(node.peakMemoryBytes, limit.bodyBytes),
			growth,
			`${ms(windowed.wallMs)} (${ratio(windowed.wallMs, node.wallMs)})`,
		]);
		previous = { users, node: node.wallMs };
		if (node.users !== limit.users || windowed.users !== limit.users) {
			throw new Error(`user counts differ: limit ${limit.users}, node ${node.users}, windowed ${windowed.users}`);
		}
	}
	table(
		['users', 'body', 'limit: fetch+parse', 'node', 'node/limit (≤1.3×)', 'limit peak mem', 'node peak mem', 'node mem/body (≤3×)', 'node time growth', '7 daily windows'],
		rows,
	);
}

async function deeplinksAtScale(server: ServerProcess): Promise<void> {
	console.log('## 2. Generate Webchat Deeplinks at scale\n');
	const rows: string[][] = [];
	await server.admin('POST', 'reset', { rateLimit: null });
	for (const items of [1_000, 10_000]) {
		const args = { url: server.url, token: server.token, items };
		await server.admin('DELETE', 'requests');
		const node = measure('generateDeeplinks', args);
		const requests = (await server.admin<unknown[]>('GET', 'requests')).length;
		const naive = measure('deeplinksPerItem', args);
		rows.push([
			`${items / 1000}k`,
			`${requests} (ceil(N/100) = ${Math.ceil(items / 100)})`,
			`${node.links}`,
			ms(node.wallMs),
			ms(naive.wallMs),
			`${(naive.wallMs / node.wallMs).toFixed(1)}× (≥20× at 10k)`,
		]);
	}
	table(['items', 'requests', 'links', 'node', 'one request per item', 'node speed-up'], rows);

	console.log('With the legacy API\'s limit on (60 requests a minute):\n');
	const limited: string[][] = [];
	for (const batchSize of [100, 10]) {
		await server.admin('POST', 'reset', { rateLimit: { perMinute: 60, windowSeconds: 60 } });
		const node = measureWithOptions(server, 1_000, batchSize);
		const log = await server.admin<Array<{ status: number }>>('GET', 'requests');
		const requests = Math.ceil(1000 / batchSize);
		limited.push([
			`${batchSize}`,
			`${requests}`,
			`${log.filter((entry) => entry.status === 429).length}`,
			`${node.links} / 1000`,
			ms(node.wallMs),
			`${Math.max(Math.ceil(requests / 60) - 1, 0) * 60} s`,
		]);
	}
	table(['batch size', 'requests needed', '429 answers', 'links', 'node', 'least the limit allows'], limited);
	await server.admin('POST', 'reset', { rateLimit: null });
}

function measureWithOptions(server: ServerProcess, items: number, batchSize: number): Record<string, number> {
	return measure('generateDeeplinks', { url: server.url, token: server.token, items, batchSize });
}

async function main(): Promise<void> {
	console.log(`# n8n-nodes-opendialog benchmark — ${new Date().toISOString()}`);
	console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${mb(totalmem())}, Node ${process.version}\n`);
	const server = await startServerProcess();
	try {
		const only = process.argv[2];
		if (!only || only === 'interactions') await interactionsAtScale(server);
		if (!only || only === 'deeplinks') await deeplinksAtScale(server);
		if (!only || only === 'n8n') await runSideBySide(server, table);
	} finally {
		server.stop();
	}
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message, (error as Error & { cause?: unknown }).cause ?? '');
	process.exit(1);
});
