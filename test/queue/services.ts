/**
 * Redis and PostgreSQL for queue mode, as processes of the test itself: free ports, data in a
 * temp folder, nothing left behind. The binaries come from Debian's `redis-server` and
 * `postgresql` packages (scripts/install-queue-services.sh installs them when missing).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
	chownSync,
	existsSync,
	mkdtempSync,
	openSync,
	closeSync,
	readdirSync,
	rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { stopProcess } from '../helpers/n8n-server';
import { freePort } from '../helpers/ports';

export interface Service {
	port: number;
	stop(): Promise<void>;
}

const MISSING =
	'run scripts/install-queue-services.sh (Debian packages redis-server and postgresql)';

async function waitFor(what: string, ready: () => boolean, child: ChildProcess): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (!ready()) {
		if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
		if (Date.now() > deadline) throw new Error(`${what} did not start within 30 s`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

function succeeds(command: string, args: string[]): boolean {
	try {
		execFileSync(command, args, { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

function spawnLogged(
	command: string,
	args: string[],
	log: string,
	owner?: { uid: number; gid: number },
) {
	const fd = openSync(log, 'a');
	const child = spawn(command, args, { stdio: ['ignore', fd, fd], ...owner });
	closeSync(fd);
	return child;
}

export async function startRedis(folder: string): Promise<Service> {
	if (!succeeds('redis-server', ['--version']))
		throw new Error(`redis-server is missing: ${MISSING}`);
	const port = await freePort();
	// `--save ''`: a throwaway queue, never written to disk.
	const child = spawnLogged(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', folder],
		path.join(folder, 'redis.log'),
	);
	await waitFor('redis-server', () => succeeds('redis-cli', ['-p', String(port), 'ping']), child);
	return { port, stop: () => stopProcess(child, 10_000) };
}

function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	const found = versions.find((version) => existsSync(path.join(root, version, 'bin', 'initdb')));
	if (!found) throw new Error(`PostgreSQL is missing: ${MISSING}`);
	return path.join(root, found, 'bin');
}

/** PostgreSQL refuses to run as root; as root, the cluster belongs to Debian's `postgres` user. */
function clusterOwner(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
	return { uid: id('-u'), gid: id('-g') };
}

/** A fresh cluster whose superuser `n8n` connects over TCP without a password. */
export async function startPostgres(folder: string): Promise<Service> {
	const bin = postgresBinDir();
	const owner = clusterOwner();
	const dataDir = mkdtempSync(path.join(tmpdir(), 'n8n-opendialog-pg-'));
	if (owner) chownSync(dataDir, owner.uid, owner.gid);
	execFileSync(
		path.join(bin, 'initdb'),
		['-D', dataDir, '-U', 'n8n', '--auth=trust', '--no-sync', '-E', 'UTF8'],
		{ stdio: 'ignore', ...owner },
	);
	const port = await freePort();
	const child = spawnLogged(
		path.join(bin, 'postgres'),
		// The socket goes in the data folder: /var/run/postgresql may not exist or be writable.
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-k',
			dataDir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
		],
		path.join(folder, 'postgres.log'),
		owner,
	);
	await waitFor(
		'postgres',
		() => succeeds(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]),
		child,
	);
	return {
		port,
		stop: async () => {
			await stopProcess(child, 15_000);
			rmSync(dataDir, { recursive: true, force: true });
		},
	};
}
