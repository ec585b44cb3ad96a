/** The local OpenDialog test server in a process of its own, so it never shares a heap with what is measured. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface ServerProcess {
	url: string;
	token: string;
	admin: <T = unknown>(method: string, action: string, body?: unknown) => Promise<T>;
	stop: () => void;
}

export async function startServerProcess(): Promise<ServerProcess> {
	const cli = path.resolve(__dirname, '..', 'test', 'server', 'cli.ts');
	const child: ChildProcess = spawn(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', cli, '--users', '0'],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const firstLine = await new Promise<string>((resolve, reject) => {
		createInterface({ input: child.stdout! }).once('line', resolve);
		child.once('exit', (code) => reject(new Error(`test server exited with ${code}`)));
	});
	const { url, token } = JSON.parse(firstLine) as { url: string; token: string };
	const request = (method: string, action: string, body?: unknown): [string, RequestInit] => [
		`${url}/__admin/${action}`,
		{
			method,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		},
	];
	const admin = async <T>(method: string, action: string, body?: unknown): Promise<T> => {
		// A kept-alive socket the server closed during a long measurement fails once; retry it.
		const response = await fetch(...request(method, action, body)).catch(() =>
			fetch(...request(method, action, body)),
		);
		return (await response.json()) as T;
	};
	return { url, token, admin, stop: () => child.kill('SIGTERM') };
}
