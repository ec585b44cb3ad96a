/**
 * n8n's server (`n8n start`) for what `n8n execute` cannot show: the REST API behind the
 * editor (credential tests, node types, workflow activation) and production webhooks.
 */
import type { ChildProcess } from 'node:child_process';

import { freePort } from './ports';
import type { RealN8n } from './real-n8n';

export { freePort };

export interface ExecutionSummary {
	id: string;
	status: string;
}

const OWNER = { email: 'owner@example.com', password: 'Credential-Test-1' };

async function waitUntilReady(
	url: string,
	process: ChildProcess,
	deadline = Date.now() + 120_000,
): Promise<void> {
	while (Date.now() < deadline) {
		if (process.exitCode !== null || process.signalCode !== null)
			throw new Error(
				`n8n exited (${process.exitCode ?? process.signalCode}) before it answered at ${url}`,
			);
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

	/**
	 * Starts `n8n start` on a free port (or `port`) and signs in as the owner, setting the
	 * owner up on a fresh instance. `log` collects n8n's output in a file.
	 */
	static async start(
		n8n: RealN8n,
		options: { port?: number; log?: string } = {},
	): Promise<N8nServer> {
		const port = options.port ?? (await freePort());
		const process = await n8n.startServer(port, options.log ?? 'ignore');
		const server = new N8nServer(`http://127.0.0.1:${port}`, process);
		let ready = false;
		try {
			await waitUntilReady(server.url, process);
			await server.signIn();
			await server.waitForWorkflowRoutes();
			ready = true;
		} finally {
			// A server that never became usable is not left running.
			if (!ready) server.stop();
		}
		return server;
	}

	private post(path: string, body: object): Promise<Response> {
		return fetch(`${this.url}/rest${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
	}

	private async signIn(): Promise<void> {
		const setUp = () =>
			this.post('/owner/setup', { ...OWNER, firstName: 'Test', lastName: 'Owner' });
		let response = await setUp();
		// On a loaded machine n8n can answer /rest/settings before its owner routes exist (404), or,
		// restarted on its database, before that database is ready (503).
		for (
			let tries = 0;
			(response.status === 404 || response.status === 503) && tries < 60;
			tries++
		) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			response = await setUp();
		}
		// An instance started before (same database) already has its owner: sign in instead.
		if (response.status === 400) await this.logIn();
		else await this.keepCookie(response);
	}

	private async logIn(): Promise<void> {
		const { email, password } = OWNER;
		await this.keepCookie(await this.post('/login', { emailOrLdapLoginId: email, password }));
	}

	private async keepCookie(response: Response): Promise<void> {
		if (!response.ok)
			throw new Error(`owner sign-in failed: ${response.status} ${await response.text()}`);
		await response.body?.cancel();
		const cookies = response.headers.getSetCookie();
		this.cookie = (cookies.find((cookie) => cookie.startsWith('n8n-auth=')) ?? '').split(';')[0];
	}

	/**
	 * On a loaded machine n8n can sign the owner in before its workflow routes exist; they
	 * answer 404 until then. A loaded n8n 1.x has also refused the cookie of a sign-in that had
	 * just succeeded (401), and then refused that owner's password for a moment: the owner
	 * then signs in (or is set up) again until the deadline.
	 */
	private async waitForWorkflowRoutes(deadline = Date.now() + 30_000): Promise<void> {
		while (Date.now() < deadline) {
			const response = await fetch(`${this.url}/rest/workflows`, {
				headers: { cookie: this.cookie },
			});
			await response.body?.cancel();
			if (response.ok) return;
			if (response.status === 401) await this.signIn().catch(() => undefined);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n's workflow routes did not answer the signed-in owner at ${this.url}`);
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

	/** Creates the workflow (under a new id) and activates it, as the editor does; returns its id. */
	async activate(workflow: object): Promise<string> {
		const created = await this.rest<{ id: string; versionId: string }>('POST', '/workflows', {
			...workflow,
			id: undefined,
		});
		await this.rest('POST', `/workflows/${created.id}/activate`, { versionId: created.versionId });
		return created.id;
	}

	/** The workflow's executions, running ones included, newest first. */
	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const { results } = await this.rest<{ results: ExecutionSummary[] }>(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
		);
		return results;
	}

	/** The workflow's executions that have finished, newest first. */
	async finishedExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		return (await this.executions(workflowId)).filter(
			(execution) => execution.status !== 'running' && execution.status !== 'new',
		);
	}

	/** Waits until the workflow has `count` finished executions; returns them, newest first. */
	async waitForExecutions(
		workflowId: string,
		count: number,
		deadline = Date.now() + 150_000,
	): Promise<ExecutionSummary[]> {
		while (Date.now() < deadline) {
			const finished = await this.finishedExecutions(workflowId);
			if (finished.length >= count) return finished;
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
		throw new Error(`workflow ${workflowId} did not finish ${count} execution(s) in time`);
	}

	/** Waits for a finished execution of the workflow. */
	async waitForExecution(workflowId: string, deadline?: number): Promise<ExecutionSummary> {
		return (await this.waitForExecutions(workflowId, 1, deadline))[0];
	}

	stop(): void {
		this.process.kill('SIGTERM');
	}

	/** Stops n8n and waits until it has exited; kills it if it takes longer than `timeoutMs`. */
	async stopAndWait(timeoutMs = 40_000): Promise<void> {
		await stopProcess(this.process, timeoutMs);
	}
}

/** SIGTERM, then SIGKILL after `timeoutMs`; resolves once the process has exited. */
export async function stopProcess(child: ChildProcess, timeoutMs = 40_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	await exited;
	clearTimeout(timer);
}
