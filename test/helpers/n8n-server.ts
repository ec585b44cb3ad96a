/**
 * n8n's server (`n8n start`) for what `n8n execute` cannot show: the REST API behind the
 * editor (credential tests, node types, workflow activation) and production webhooks.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

import type { RealN8n } from './real-n8n';

export interface ExecutionSummary {
	id: string;
	status: string;
}

export async function freePort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as { port: number };
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

async function waitUntilReady(url: string, deadline = Date.now() + 120_000): Promise<void> {
	while (Date.now() < deadline) {
		// /healthz answers before the REST routes exist; settings answers once they do.
		const ok = await fetch(`${url}/rest/settings`).then(
			(response) => response.ok,
			() => false,
		);
		if (ok) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n did not start at ${url}`);
}

export class N8nServer {
	private cookie = '';

	private constructor(
		readonly url: string,
		private readonly process: ChildProcess,
	) {}

	/** Starts `n8n start` on a free port and signs in as a freshly set-up owner. */
	static async start(n8n: RealN8n): Promise<N8nServer> {
		const port = await freePort();
		const server = new N8nServer(`http://127.0.0.1:${port}`, n8n.startServer(port, 'ignore'));
		await waitUntilReady(server.url);
		const setup = await fetch(`${server.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				email: 'owner@example.com',
				firstName: 'Test',
				lastName: 'Owner',
				password: 'Credential-Test-1',
			}),
		});
		if (!setup.ok) throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
		server.cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
		return server;
	}

	/** Calls n8n's REST API (`/rest/…`) as the owner; returns its `data`. */
	async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/rest${path}`, {
			method,
			headers: { 'Content-Type': 'application/json', cookie: this.cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** Waits for a finished execution of the workflow. */
	async waitForExecution(
		workflowId: string,
		deadline = Date.now() + 150_000,
	): Promise<ExecutionSummary> {
		while (Date.now() < deadline) {
			const { results } = await this.rest<{ results: ExecutionSummary[] }>(
				'GET',
				`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
			);
			const finished = results.find(
				(execution) => execution.status !== 'running' && execution.status !== 'new',
			);
			if (finished) return finished;
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
		throw new Error(`no execution of workflow ${workflowId} finished in time`);
	}

	stop(): void {
		this.process.kill('SIGTERM');
	}
}
