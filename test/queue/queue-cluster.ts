/**
 * n8n in queue mode, as production runs it: PostgreSQL, Redis, one main (`n8n start` with
 * EXECUTIONS_MODE=queue: editor, webhooks, triggers) and one `n8n worker` that runs the
 * executions. Main and worker each have this package installed in their own user folder, the
 * way n8n installs a community package.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { N8nServer, stopProcess } from '../helpers/n8n-server';
import { freePort } from '../helpers/ports';
import { RealN8n } from '../helpers/real-n8n';
import { startPostgres, startRedis, type Service } from './services';

export class QueueCluster {
	readonly folder = mkdtempSync(path.join(tmpdir(), 'n8n-opendialog-queue-'));

	readonly mainLog = path.join(this.folder, 'main.log');

	readonly workerLog = path.join(this.folder, 'worker.log');

	main!: RealN8n;

	mainServer?: N8nServer;

	private worker?: ChildProcess;

	private readonly services: Service[] = [];

	async start(installDir: string, tarball: string, credentials: object[]): Promise<void> {
		const redis = await startRedis(this.folder);
		this.services.push(redis);
		const postgres = await startPostgres(this.folder);
		this.services.push(postgres);
		const env = {
			// Queue mode as n8n's own compose example sets it up.
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_DATABASE: 'postgres',
			// Main and worker must decrypt the same credentials from the same database.
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		};
		this.main = new RealN8n(installDir, tarball, path.join(this.folder, 'main'), env);
		const worker = new RealN8n(installDir, tarball, path.join(this.folder, 'worker'), env);
		// Creates n8n's tables in PostgreSQL before main and worker start.
		await this.main.importCredentials(credentials);
		await this.startMain();
		this.worker = await worker.startServer(await freePort(), this.workerLog, 'worker');
		await waitForLog(this.workerLog, /n8n worker is now ready/, this.worker);
	}

	async startMain(): Promise<N8nServer> {
		this.mainServer = await N8nServer.start(this.main, { log: this.mainLog });
		return this.mainServer;
	}

	async stopMain(): Promise<void> {
		await this.mainServer?.stopAndWait();
		this.mainServer = undefined;
	}

	/** Whether the worker's log says it ran this execution from start to finish. */
	workerRan(executionId: string): boolean {
		const log = readFileSync(this.workerLog, 'utf8');
		return (
			log.includes(`Worker started execution ${executionId} `) &&
			log.includes(`Worker finished execution ${executionId} `)
		);
	}

	/** Stops every process it started, newest first, and removes its folders. */
	async stop(): Promise<void> {
		if (this.worker) await stopProcess(this.worker);
		await this.stopMain();
		for (const service of this.services.reverse()) await service.stop();
		rmSync(this.folder, { recursive: true, force: true });
	}
}

async function waitForLog(file: string, pattern: RegExp, child: ChildProcess): Promise<void> {
	const deadline = Date.now() + 120_000;
	const log = () => readFileSync(file, 'utf8');
	while (!pattern.test(log())) {
		if (child.exitCode !== null) throw new Error(`n8n exited early:\n${log().slice(-2000)}`);
		if (Date.now() > deadline) throw new Error(`no ${pattern} in ${file}:\n${log().slice(-2000)}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}
