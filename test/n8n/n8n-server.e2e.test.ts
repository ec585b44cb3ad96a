import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

import { exampleWorkflow } from '../helpers/examples';
import { useRealN8n } from '../helpers/n8n-fixture';

jest.setTimeout(300_000);

const fixture = useRealN8n();
let n8nServer: ChildProcess;
let n8nUrl: string;
let cookie: string;

async function freePort(): Promise<number> {
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

beforeAll(async () => {
	const port = await freePort();
	n8nUrl = `http://127.0.0.1:${port}`;
	n8nServer = fixture.n8n.startServer(port, 'ignore');
	await waitUntilReady(n8nUrl);
	const setup = await fetch(`${n8nUrl}/rest/owner/setup`, {
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
	cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
});

afterAll(() => {
	n8nServer?.kill('SIGTERM');
});

/** n8n's own "Test" button: POST /rest/credentials/test runs the credential's test request. */
function testCredential(data: Record<string, string>) {
	return rest<{ status: string; message: string }>('POST', '/credentials/test', {
		credentials: { id: 'od-public', name: 'OpenDialog', type: 'openDialogApi', data },
	});
}

const valid = () => ({
	baseUrl: `${fixture.server.url}/`,
	apiToken: fixture.server.config.token,
	apiVersion: 'public',
});

test('the credential test passes with a valid token on both API generations', async () => {
	expect(await testCredential(valid())).toEqual({
		status: 'OK',
		message: 'Connection successful!',
	});
	expect((await testCredential({ ...valid(), apiVersion: 'legacy' })).status).toBe('OK');
	const sent = fixture.server.apiRequests('interactions').slice(-2);
	expect(sent.map((request) => [request.path, request.accept, request.authorized])).toEqual([
		['/public/api/user-interactions', 'application/json', true],
		['/api/user-interactions', 'application/json', true],
	]);
});

test('the credential test fails on a bad token', async () => {
	const result = await testCredential({ ...valid(), apiToken: 'wrong' });
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/Authorization failed/);
});

test('the credential test fails on a wrong URL', async () => {
	expect(
		(await testCredential({ ...valid(), baseUrl: `${fixture.server.url}/wrong/` })).status,
	).toBe('Error');
});

test('the credential test fails when the URL answers with a web page instead of the API', async () => {
	fixture.server.injectFaults({
		status: 200,
		body: '<!DOCTYPE html><html><body>Welcome</body></html>',
	});
	const result = await testCredential(valid());
	expect(result).toEqual({
		status: 'Error',
		message:
			'The Base URL answered, but not like OpenDialog: check it is your workspace address, e.g. https://acme.cloud.opendialog.ai',
	});
});

async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${n8nUrl}/rest${path}`, {
		method,
		headers: { 'Content-Type': 'application/json', cookie },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
	return (JSON.parse(text) as { data: T }).data;
}

test('n8n loads all three nodes from the installed package', async () => {
	const names = [
		'openDialogGetInteractions',
		'openDialogGenerateWebchatDeeplinks',
		'openDialogTrigger',
	];
	const descriptions = await rest<
		Array<{ name: string; displayName: string; usableAsTool?: boolean; polling?: boolean }>
	>('POST', '/node-types', {
		nodeInfos: names.map((name) => ({ name: `n8n-nodes-opendialog.${name}`, version: 1 })),
	});
	expect(descriptions.map((description) => description.displayName)).toEqual([
		'OpenDialog Get Interactions',
		'OpenDialog Generate Webchat Deeplinks',
		'OpenDialog Trigger',
	]);
	expect(descriptions.map((description) => Boolean(description.usableAsTool))).toEqual([
		true,
		true,
		false,
	]);
	expect(descriptions[2].polling).toBe(true);
});

interface ExecutionSummary {
	id: string;
	status: string;
}

async function waitForExecution(
	workflowId: string,
	deadline = Date.now() + 150_000,
): Promise<ExecutionSummary> {
	while (Date.now() < deadline) {
		const { results } = await rest<{ results: ExecutionSummary[] }>(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
		);
		const finished = results.find(
			(execution) => execution.status !== 'running' && execution.status !== 'new',
		);
		if (finished) return finished;
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
	throw new Error('the trigger did not start an execution in time');
}

test('active in n8n, the trigger example starts from now, then runs the workflow for new interactions', async () => {
	fixture.server.addMessages([
		{
			user_id: 'history',
			date: new Date(Date.now() - 3_600_000).toISOString(),
			text: 'before activation',
			chatbot_user_data: { custom: { selected_scenario: 'scn-claims' } },
		},
	]);
	const created = await rest<{ id: string; versionId: string }>('POST', '/workflows', {
		...exampleWorkflow('trigger-to-crm.workflow.json'),
		id: undefined,
	});
	const activated = await rest<{ active: boolean }>('POST', `/workflows/${created.id}/activate`, {
		versionId: created.versionId,
	});
	expect(activated.active).toBe(true);
	// n8n polls once on activation: that poll only sets the cursor.
	const stored = await rest<{ staticData: Record<string, { cursor?: number }> }>(
		'GET',
		`/workflows/${created.id}`,
	);
	expect(stored.staticData['node:OpenDialog Trigger'].cursor).toBeGreaterThan(
		Date.now() / 1000 - 60,
	);

	fixture.server.addMessages([
		{
			user_id: 'claimant',
			date: new Date().toISOString(),
			text: 'My window is broken',
			chatbot_user_data: {
				email: 'claimant@example.com',
				custom: { selected_scenario: 'scn-claims' },
			},
		},
	]);
	const execution = await waitForExecution(created.id);
	expect(execution.status).toBe('success');
	const full = await rest<{ data: string }>('GET', `/executions/${execution.id}`);
	expect(full.data).toContain('Chatted with the claims bot: My window is broken');
	expect(full.data).toContain('claimant@example.com');
	expect(full.data).not.toContain('before activation');
	await rest('POST', `/workflows/${created.id}/deactivate`, {});
});
