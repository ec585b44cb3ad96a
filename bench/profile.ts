/**
 * `npm run bench profile`: where the time goes inside real n8n. Runs Get Interactions and the
 * hand-built HTTP Request + Split Out once each under V8's CPU profiler, in n8n's own process on
 * its own Node, and prints the functions that took the most time while the node ran.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { nodeWindow } from './cpu-profile';
import type { ServerProcess } from './server-process';
import {
	benchN8n,
	executionTime,
	installedN8n,
	N8N_VERSIONS,
	runWorkflow,
	useTenant,
	type Table,
} from './real-n8n-bench';

const USERS = Number(process.env.BENCH_PROFILE_USERS ?? 5000);
const TOP = 12;

const SUBJECTS = [
	{
		label: 'Get Interactions',
		workflow: 'bench-get',
		nodes: ['Get Interactions'],
		start: /OpenDialogGetInteractions\.node\.js execute$/,
		inside: /node_modules\/n8n-nodes-opendialog\/dist\//,
	},
	{
		label: 'HTTP Request + Split Out',
		workflow: 'bench-get-by-hand',
		nodes: ['HTTP Request', 'Split Out'],
		start: /HttpRequestV3\.node\.js execute$/,
		inside: /nodes-base\/dist\/nodes\/(HttpRequest|Transform\/SplitOut)\//,
	},
];

/** The largest profile in `dir`: n8n's own process (task runners write small ones). */
function mainProfile(dir: string): string {
	const files = readdirSync(dir)
		.filter((name) => name.endsWith('.cpuprofile'))
		.map((name) => path.join(dir, name));
	if (files.length === 0) throw new Error(`n8n wrote no CPU profile in ${dir}`);
	return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

export async function runProfiles(server: ServerProcess, table: Table): Promise<void> {
	console.log(
		`## 4. Where the time goes: CPU profiles in real n8n (${USERS.toLocaleString('en-US')} users, buffered answer)\n`,
	);
	for (const version of N8N_VERSIONS) {
		const installDir = installedN8n(version);
		if (!installDir) continue;
		const n8n = await benchN8n(installDir, server);
		try {
			await useTenant(server, USERS, 'laravel');
			// A first run unprofiled, so both profiles see a warm server and n8n's caches.
			await runWorkflow(n8n, 'bench-get');
			for (const subject of SUBJECTS) {
				const dir = mkdtempSync(path.join(tmpdir(), 'opendialog-cpu-'));
				const run = await runWorkflow(n8n, subject.workflow, {
					NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir} --cpu-prof-interval=250`,
				});
				const window = nodeWindow(mainProfile(dir), subject.start, subject.inside);
				console.log(
					`### n8n ${version}, ${subject.label}: executionTime ${executionTime(run, ...subject.nodes)} ms under the profiler, window ${Math.round(window.windowMs)} ms (${dir})\n`,
				);
				table(
					['function (self time)', 'ms', 'share'],
					window.functions
						.slice(0, TOP)
						.map(({ name, ms }) => [
							name,
							ms.toFixed(1),
							`${Math.round((100 * ms) / window.windowMs)} %`,
						]),
				);
			}
		} finally {
			n8n.dispose();
		}
	}
}
