/**
 * Part 3: real n8n, the package's nodes against what a user would wire by hand with n8n's
 * own nodes, on the same tenant, on each installed n8n line and against both answer styles
 * (streamed without a length, and buffered with Content-Length as a plain Laravel app sends
 * it). Times are each node's `executionTime` from n8n's run data.
 */
import type { N8nRun } from '../test/helpers/real-n8n';
import {
	benchN8n,
	executionTime,
	forEachInstalledLine,
	runWorkflow,
	useTenant,
	type Table,
	type AnswerStyle,
} from './real-n8n-bench';
import type { ServerProcess } from './server-process';

/** A comma-separated list of counts from the environment; set empty, it skips that part. */
function countsFromEnv(name: string, fallback: string): number[] {
	return (process.env[name] ?? fallback).split(',').filter(Boolean).map(Number);
}

const USER_COUNTS = countsFromEnv('BENCH_USERS', '6,5000,50000');
/**
 * From this many users the run data is too large for `n8n execute` to print; both sides then
 * run as a sub-workflow ending in Limit 1, timed by the calling Execute Workflow node, which
 * adds the same sub-workflow start to each.
 */
const SUB_WORKFLOW_FROM_USERS = 10_000;
const STYLES: AnswerStyle[] = ['streamed', 'laravel'];
const CONTACT_COUNTS = countsFromEnv('BENCH_CONTACTS', '1000,10000');

function outputCount(run: N8nRun, node: string): number {
	return run.data.resultData.runData[node]?.[0]?.data?.main[0]?.length ?? 0;
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measureLine(
	version: string,
	installDir: string,
	server: ServerProcess,
	table: Table,
) {
	const n8n = await benchN8n(installDir, server, CONTACT_COUNTS);
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
				const withCredential: number[] = [];
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
					const withCredentialRun = await run('bench-get-by-hand-credential');
					ours.push(executionTime(oursRun, 'Get Interactions'));
					byHand.push(executionTime(byHandRun, 'HTTP Request', 'Split Out'));
					withCredential.push(executionTime(withCredentialRun, 'HTTP Request', 'Split Out'));
					counts = [
						outputCount(oursRun, 'Get Interactions'),
						outputCount(byHandRun, 'Split Out'),
						outputCount(withCredentialRun, 'Split Out'),
					].join(' / ');
				}
				all[`${users} users ${style}: Get Interactions`] = ours;
				all[`${users} users ${style}: HTTP Request + Split Out`] = byHand;
				if (!large)
					all[`${users} users ${style}: same, token in a Bearer Auth credential`] = withCredential;
				rows.push([
					users.toLocaleString('en-US'),
					style === 'laravel' ? 'buffered, Content-Length' : 'streamed',
					`${median(ours)} ms`,
					`${median(byHand)} ms`,
					counts,
					`${(median(ours) / median(byHand)).toFixed(2)}×`,
					large ? 'not run' : `${median(withCredential)} ms`,
					large ? '–' : `${(median(ours) / median(withCredential)).toFixed(2)}×`,
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
				'by hand, token in a Bearer Auth credential',
				'package / that',
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
	await forEachInstalledLine((version, installDir) =>
		measureLine(version, installDir, server, table),
	);
}
