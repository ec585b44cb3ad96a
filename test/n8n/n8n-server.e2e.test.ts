import { exampleWorkflow } from '../helpers/examples';
import { useRealN8n } from '../helpers/n8n-fixture';
import { N8nServer } from '../helpers/n8n-server';

jest.setTimeout(300_000);

const fixture = useRealN8n();
let n8nServer: N8nServer;

beforeAll(async () => {
	n8nServer = await N8nServer.start(fixture.n8n);
});

afterAll(async () => {
	await n8nServer?.stopAndWait();
});

const rest = <T>(method: string, path: string, body?: unknown) =>
	n8nServer.rest<T>(method, path, body);

/** n8n's own "Test" button: POST /rest/credentials/test runs the credential's test request. */
function testCredential(data: Record<string, string>) {
	return rest<{ status: string; message: string }>('POST', '/credentials/test', {
		credentials: { id: 'od-public', name: 'OpenDialog', type: 'openDialogApi', data },
	});
}

/** The Trigger's cursor once n8n has stored it in the workflow's static data (30 s at most). */
async function waitForTriggerCursor(workflowId: string): Promise<number | undefined> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const { staticData } = await rest<{
			staticData: Record<string, { cursor?: number }> | null;
		}>('GET', `/workflows/${workflowId}`);
		const cursor = staticData?.['node:OpenDialog Trigger']?.cursor;
		if (cursor !== undefined || Date.now() > deadline) return cursor;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
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

test('the credential test fails on a bad token and says where to get a current one', async () => {
	const result = await testCredential({ ...valid(), apiToken: 'wrong-token-5c1e' });
	expect(result).toEqual({
		status: 'Error',
		message:
			'OpenDialog rejected the API token (401 Unauthenticated): copy a current token from Identity & Security in your workspace (click your user name, bottom left)',
	});
});

test('the credential test says when OpenDialog is rate-limiting or failing, not that the URL is wrong', async () => {
	fixture.server.injectFaults({ status: 429 });
	expect(await testCredential(valid())).toEqual({
		status: 'Error',
		message:
			'OpenDialog is rate-limiting this token (429 Too Many Attempts): wait a minute, then test again',
	});
	fixture.server.injectFaults({ status: 503 });
	expect(await testCredential(valid())).toEqual({
		status: 'Error',
		message: 'OpenDialog is unavailable (503), e.g. during maintenance: test again later',
	});
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

test('n8n loads every node of the installed package', async () => {
	const names = [
		'openDialogGetInteractions',
		'openDialogGenerateWebchatDeeplinks',
		'openDialogTrigger',
		'openDialogActionTrigger',
		'openDialogActionResponse',
		'openDialogDataExport',
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
		'OpenDialog Action Trigger',
		'OpenDialog Action Response',
		'OpenDialog Data Export',
	]);
	// Only the two nodes a model can use well are offered as AI Agent tools.
	expect(descriptions.map((description) => Boolean(description.usableAsTool))).toEqual([
		true,
		true,
		false,
		false,
		false,
		false,
	]);
	expect(descriptions[2].polling).toBe(true);
});

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
	// n8n polls once on activation: that poll only sets the cursor. n8n 2.40 answers the
	// activation before that poll has run, so wait for the cursor (a few seconds at most).
	const cursor = await waitForTriggerCursor(created.id);
	expect(cursor).toBeGreaterThan(Date.now() / 1000 - 60);

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
	const execution = await n8nServer.waitForExecution(created.id);
	expect(execution.status).toBe('success');
	const full = await rest<{ data: string }>('GET', `/executions/${execution.id}`);
	expect(full.data).toContain('Chatted with the claims bot: My window is broken');
	expect(full.data).toContain('claimant@example.com');
	expect(full.data).not.toContain('before activation');
	await rest('POST', `/workflows/${created.id}/deactivate`, {});
});
