/** Real n8n for the benchmark: the installed lines, one instance set up, one run, its times. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { N8N_LINES, packPackage, RealN8n, type N8nRun } from '../test/helpers/real-n8n';
import { BEARER_CREDENTIAL_ID, RANGE, workflows } from './n8n-workflows';
import type { ServerProcess } from './server-process';

export type AnswerStyle = 'streamed' | 'laravel';

/** Prints a markdown table (bench/run.ts's). */
export type Table = (headers: string[], rows: string[][]) => void;

const ROOT = path.resolve(__dirname, '..');
/** Both n8n lines of test/n8n-lines.json, the 2.x line (the one users run) first. */
export const N8N_VERSIONS = (
	process.env.BENCH_N8N_VERSIONS ?? [N8N_LINES['2.x'], N8N_LINES['1.x']].join(',')
).split(',');
/** The 7 days every benchmark tenant's interactions fall in, as epoch seconds. */
export const TENANT_RANGE = {
	from: Date.UTC(2024, 4, 1) / 1000,
	to: Date.UTC(2024, 4, 8) / 1000 - 1,
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

/** Runs `measure` on every n8n line that is installed; says which are not. */
export async function forEachInstalledLine(
	measure: (version: string, installDir: string) => Promise<void>,
): Promise<void> {
	for (const version of N8N_VERSIONS) {
		const installDir = installedN8n(version);
		if (installDir) await measure(version, installDir);
		else
			console.log(
				`### n8n ${version}: not installed (N8N_VERSION=${version} bash scripts/install-n8n.sh)\n`,
			);
	}
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

/** An n8n of the given install with the package, the bench credential and workflows. */
export async function benchN8n(
	installDir: string,
	server: ServerProcess,
	contactCounts: number[] = [],
): Promise<RealN8n> {
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
		{
			id: BEARER_CREDENTIAL_ID,
			name: 'Bearer bench',
			type: 'httpBearerAuth',
			data: { token: server.token },
		},
	]);
	for (const workflow of workflows(server, contactCounts)) {
		await n8n.importWorkflow(workflow);
		if (workflow.nodes[0].type === 'n8n-nodes-base.executeWorkflowTrigger')
			await n8n.publishWorkflow(workflow.id);
	}
	return n8n;
}

/** Gives the test server a tenant of `users` × 20 interactions, answered in `style`. */
export async function useTenant(
	server: ServerProcess,
	users: number,
	style: AnswerStyle,
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
