/**
 * The OpenDialog Action Trigger in real n8n's server, played by a test that acts as OpenDialog:
 * it POSTs action calls to the production webhook URL and reads the answers.
 */
import { exampleWorkflow } from '../helpers/examples';
import { useRealN8n } from '../helpers/n8n-fixture';
import { N8nServer, type ExecutionSummary } from '../helpers/n8n-server';

jest.setTimeout(300_000);

const SECRET = 'od-action-secret-5f2c9e81b7a4';
const HEADER = 'X-OpenDialog-Secret';
const CREDENTIAL = { id: 'opendialog-action-secret', name: 'OpenDialog Action Secret' };
/** The same secret, pasted with a trailing space. */
const PADDED_CREDENTIAL = { id: 'opendialog-action-padded', name: 'Padded Action Secret' };
const LOOKUP_WEBHOOK = '8d1e6a52-3f0b-4c7e-9a41-2b6f0c9d7e15';

const fixture = useRealN8n();
let n8nServer: N8nServer;

beforeAll(async () => {
	await fixture.n8n.importCredentials([
		{
			...CREDENTIAL,
			type: 'openDialogActionSecretApi',
			data: { headerName: HEADER, secret: SECRET },
		},
		{
			...PADDED_CREDENTIAL,
			type: 'openDialogActionSecretApi',
			data: { headerName: HEADER, secret: `${SECRET} ` },
		},
	]);
	n8nServer = await N8nServer.start(fixture.n8n);
});

afterAll(() => {
	n8nServer?.stop();
});

async function executions(workflowId: string): Promise<ExecutionSummary[]> {
	const { results } = await n8nServer.rest<{ results: ExecutionSummary[] }>(
		'GET',
		`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
	);
	return results;
}

/** What OpenDialog does: POST the action's input attributes with the designer's headers. */
async function callAction(
	webhookId: string,
	attributes: Record<string, unknown>,
	headers: Record<string, string> = { [HEADER]: SECRET },
	url: 'webhook' | 'webhook-test' = 'webhook',
) {
	const response = await fetch(`${n8nServer.url}/${url}/${webhookId}/action`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify({ input_data: { attributes } }),
	});
	return { status: response.status, body: (await response.json()) as unknown };
}

describe('the contact lookup example', () => {
	let workflowId: string;

	beforeAll(async () => {
		workflowId = await n8nServer.activate(exampleWorkflow('action-contact-lookup.workflow.json'));
	});

	test('answers a call with the secret with the contact as output attributes', async () => {
		const answer = await callAction(LOOKUP_WEBHOOK, {
			email: 'John@Example.com',
			first_name: 'John',
		});
		expect(answer).toEqual({
			status: 200,
			body: {
				successful: true,
				output_data: {
					attributes: {
						full_name: 'John Smith',
						customer_tier: 'gold',
						open_orders: 2,
						lookup_error: null,
					},
				},
			},
		});
	});

	test('puts the input attributes on the item as fields and keeps the raw body, never the secret', async () => {
		await callAction(LOOKUP_WEBHOOK, { email: 'ann@example.com', channel: 'webchat' });
		// n8n saves an execution after the call is answered, so the newest execution listed may
		// still be the previous test's: find this call's run by what it was sent.
		const data = await waitForExecutionData(workflowId, 'ann@example.com');
		// n8n stores run data "flatted": each distinct value once, objects point to them by index.
		const values = JSON.parse(data) as unknown[];
		const item = values.find(
			(value) =>
				typeof value === 'object' && value !== null && 'channel' in value && 'rawBody' in value,
		);
		expect(item).toBeDefined();
		expect(values).toContain('ann@example.com');
		expect(values).toContain('webchat');
		expect(data).not.toContain(SECRET);
	});

	test('answers an unknown contact with the failure the workflow chose', async () => {
		expect(await callAction(LOOKUP_WEBHOOK, { email: 'nobody@example.com' })).toEqual({
			status: 200,
			body: {
				successful: false,
				errors: [{ message: 'No contact with the email nobody@example.com' }],
			},
		});
	});

	test('turns a failed workflow into a readable failure, not a bare 500', async () => {
		const answer = await callAction(LOOKUP_WEBHOOK, { first_name: 'No Email' });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			successful: false,
			errors: [
				{
					message: expect.stringMatching(
						/^The n8n workflow behind this action .*\. Open the workflow's executions in n8n to see which/,
					),
				},
			],
		});
		expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.js|Error: |stack|no email attribute/);
		expect(JSON.stringify(answer.body)).not.toContain(SECRET);
	});

	test.each([
		['a wrong secret', { [HEADER]: 'not-the-secret' }],
		['no secret', {}],
		['the secret in another header', { 'X-Other': SECRET }],
	])('answers %s with 401 and never starts the workflow', async (_case, headers) => {
		const before = (await executions(workflowId)).length;
		const answer = await callAction(LOOKUP_WEBHOOK, { email: 'john@example.com' }, headers);
		expect(answer).toEqual({
			status: 401,
			body: {
				successful: false,
				errors: [
					{
						message: `Missing or wrong ${HEADER} header: give the webhook action in OpenDialog this header with the secret of the n8n credential`,
					},
				],
			},
		});
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect((await executions(workflowId)).length).toBe(before);
	});
});

async function waitForNewExecution(
	workflowId: string,
	before: number,
	deadline = Date.now() + 30_000,
): Promise<ExecutionSummary> {
	while (Date.now() < deadline) {
		const all = await executions(workflowId);
		const finished = all.filter((e) => e.status !== 'running' && e.status !== 'new');
		if (all.length > before && finished.length > before) return finished[0];
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`no new execution of workflow ${workflowId}`);
}

/** The stored run data of the first finished execution of the workflow whose data holds `text`. */
async function waitForExecutionData(
	workflowId: string,
	text: string,
	deadline = Date.now() + 30_000,
): Promise<string> {
	const checked = new Set<string>();
	while (Date.now() < deadline) {
		for (const execution of await executions(workflowId)) {
			if (execution.status === 'running' || execution.status === 'new') continue;
			if (checked.has(execution.id)) continue;
			checked.add(execution.id);
			const { data } = await n8nServer.rest<{ data: string }>('GET', `/executions/${execution.id}`);
			if (data.includes(text)) return data;
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`no execution of workflow ${workflowId} holding ${text}`);
}

/** A trigger, then the given nodes in a row. */
function actionWorkflow(
	name: string,
	webhookId: string,
	triggerParameters: Record<string, unknown>,
	then: Array<{ name: string; type: string; typeVersion: number; parameters: object }> = [],
	credential = CREDENTIAL,
) {
	const trigger = {
		name: 'OpenDialog Action Trigger',
		type: 'n8n-nodes-opendialog.openDialogActionTrigger',
		typeVersion: 1,
		webhookId,
		parameters: triggerParameters,
		credentials: { openDialogActionSecretApi: credential },
	};
	const nodes = [trigger, ...then].map((node, index) => ({
		...node,
		id: `${webhookId.slice(0, 24)}${String(index).padStart(12, '0')}`,
		position: [index * 220, 0],
	}));
	const connections = Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((node, index) => [
				node.name,
				{ main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] },
			]),
	);
	return { name, active: false, settings: {}, nodes, connections };
}

const echoAttributes = {
	name: 'Answer',
	type: 'n8n-nodes-opendialog.openDialogActionResponse',
	typeVersion: 1,
	parameters: { answer: 'success', attributesMode: 'allFields' },
};

test('acknowledges at once when set to respond immediately, and still runs the workflow', async () => {
	const webhookId = '1a2b3c4d-0000-4000-8000-0000000ac001';
	const workflowId = await n8nServer.activate(
		actionWorkflow('Acknowledge', webhookId, { respond: 'onReceived' }),
	);
	expect(await callAction(webhookId, { rating: 5 })).toEqual({
		status: 200,
		body: { successful: true, output_data: { attributes: {} } },
	});
	expect((await waitForNewExecution(workflowId, 0)).status).toBe('success');
});

test('an Action Response behind a trigger that responds immediately fails its run, saying how to fix it', async () => {
	const webhookId = '1a2b3c4d-0000-4000-8000-0000000ac005';
	const workflowId = await n8nServer.activate(
		actionWorkflow('Acknowledge and answer', webhookId, { respond: 'onReceived' }, [
			echoAttributes,
		]),
	);
	expect(await callAction(webhookId, { rating: 5 })).toEqual({
		status: 200,
		body: { successful: true, output_data: { attributes: {} } },
	});
	const execution = await waitForNewExecution(workflowId, 0);
	expect(execution.status).toBe('error');
	const { data } = await n8nServer.rest<{ data: string }>('GET', `/executions/${execution.id}`);
	expect(data).toContain(
		'The OpenDialog Action Trigger already answered this call (Respond: Immediately)',
	);
	expect(data).toContain("Set the trigger's Respond to 'Using OpenDialog Action Response Node'");
});

test('a call left to a workflow with no response node is refused at once with the fix, and starts nothing', async () => {
	const webhookId = '1a2b3c4d-0000-4000-8000-0000000ac006';
	const workflowId = await n8nServer.activate(
		actionWorkflow('No answer', webhookId, { respond: 'responseNode' }, [
			{ name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
		]),
	);
	expect(await callAction(webhookId, { rating: 5 })).toEqual({
		status: 200,
		body: {
			successful: false,
			errors: [
				{
					message:
						"The n8n workflow behind this action has no OpenDialog Action Response node after its OpenDialog Action Trigger, so it could never answer: add one, or set the trigger's Respond to Immediately.",
				},
			],
		},
	});
	await new Promise((resolve) => setTimeout(resolve, 1500));
	expect(await executions(workflowId)).toEqual([]);
});

test('a secret pasted into the credential with a trailing space still authenticates calls that send the secret', async () => {
	const webhookId = '1a2b3c4d-0000-4000-8000-0000000ac007';
	await n8nServer.activate(
		actionWorkflow(
			'Padded secret',
			webhookId,
			{ respond: 'responseNode' },
			[echoAttributes],
			PADDED_CREDENTIAL,
		),
	);
	expect(await callAction(webhookId, { first_name: 'Ann' })).toEqual({
		status: 200,
		body: { successful: true, output_data: { attributes: { first_name: 'Ann' } } },
	});
});

test("a file answered by n8n's Respond to Webhook (a Buffer on 1.x, a stream from the binary data store on 2.x) reaches OpenDialog in its format", async () => {
	const webhookId = '1a2b3c4d-0000-4000-8000-0000000ac008';
	await n8nServer.activate(
		actionWorkflow('File answer', webhookId, { respond: 'responseNode' }, [
			{
				name: 'Set Text',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: {
					assignments: {
						assignments: [{ id: 't1', name: 'text', value: 'a PDF, say', type: 'string' }],
					},
					options: {},
				},
			},
			{
				name: 'To File',
				type: 'n8n-nodes-base.convertToFile',
				typeVersion: 1.1,
				parameters: { operation: 'toText', sourceProperty: 'text', options: {} },
			},
			{
				// Version 1: later versions refuse to run without n8n's own Webhook node before them.
				name: 'Respond to Webhook',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1,
				parameters: { respondWith: 'binary', options: {} },
			},
		]),
	);
	const response = await fetch(`${n8nServer.url}/webhook/${webhookId}/action`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', [HEADER]: SECRET },
		body: JSON.stringify({ input_data: { attributes: {} } }),
	});
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	expect(await response.json()).toEqual({
		successful: false,
		errors: [
			{
				message: expect.stringMatching(
					/^The n8n workflow behind this action stopped before an OpenDialog Action Response node answered \(n8n said: "a PDF, say"\)/,
				),
			},
		],
	});
});

test('answers a workflow slower than the answer timeout with a failure, at the timeout', async () => {
	const webhookId = '1a2b3c4d-0000-4000-8000-0000000ac002';
	await n8nServer.activate(
		actionWorkflow(
			'Too slow',
			webhookId,
			{ respond: 'responseNode', options: { answerTimeout: 1 } },
			[
				{
					name: 'Wait',
					type: 'n8n-nodes-base.wait',
					typeVersion: 1.1,
					parameters: { amount: 4, unit: 'seconds' },
				},
				echoAttributes,
			],
		),
	);
	const started = Date.now();
	const answer = await callAction(webhookId, { email: 'john@example.com' });
	const elapsed = Date.now() - started;
	expect(answer).toEqual({
		status: 200,
		body: {
			successful: false,
			errors: [
				{
					message:
						"The n8n workflow behind this action did not answer within 1 seconds: make it faster, or raise the trigger's Answer Timeout.",
				},
			],
		},
	});
	expect(elapsed).toBeGreaterThanOrEqual(1000);
	expect(elapsed).toBeLessThan(3500);
});

test('latency: the trigger + response path adds a small, bounded overhead', async () => {
	const webhookId = '1a2b3c4d-0000-4000-8000-0000000ac003';
	await n8nServer.activate(
		actionWorkflow('Echo', webhookId, { respond: 'responseNode' }, [echoAttributes]),
	);
	const roundTrip = async () => {
		const started = performance.now();
		const answer = await callAction(webhookId, { first_name: 'John' });
		expect(answer.body).toEqual({
			successful: true,
			output_data: { attributes: { first_name: 'John' } },
		});
		return performance.now() - started;
	};
	for (let warmUp = 0; warmUp < 5; warmUp++) await roundTrip();
	const times: number[] = [];
	for (let call = 0; call < 40; call++) times.push(await roundTrip());
	times.sort((a, b) => a - b);
	const median = times[Math.floor(times.length / 2)];
	const p95 = times[Math.floor(times.length * 0.95)];
	console.log(
		`OpenDialog action round trip through real n8n (trigger -> Action Response), 40 calls: median ${median.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`,
	);
	expect(median).toBeLessThan(1000);
});

test('answers on the test URL while the editor listens for a test event', async () => {
	const webhookId = '1a2b3c4d-0000-4000-8000-0000000ac004';
	const created = await n8nServer.rest<{ id: string }>(
		'POST',
		'/workflows',
		actionWorkflow('Listen', webhookId, { respond: 'responseNode' }, [echoAttributes]),
	);
	// What the editor's "Listen for test event" does; n8n 2.x reads the workflow from its database.
	const listening = await n8nServer.rest<{ waitingForWebhook?: boolean }>(
		'POST',
		`/workflows/${created.id}/run`,
		{ workflowData: created, triggerToStartFrom: { name: 'OpenDialog Action Trigger' } },
	);
	expect(listening.waitingForWebhook).toBe(true);
	expect(
		await callAction(webhookId, { first_name: 'Ann' }, { [HEADER]: SECRET }, 'webhook-test'),
	).toEqual({
		status: 200,
		body: { successful: true, output_data: { attributes: { first_name: 'Ann' } } },
	});
});

test("the credential's Test button refuses a short secret and accepts a long one", async () => {
	const testCredential = (secret: string) =>
		n8nServer.rest<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: {
				...CREDENTIAL,
				type: 'openDialogActionSecretApi',
				data: { headerName: HEADER, secret },
			},
		});
	expect(await testCredential('short')).toEqual({
		status: 'Error',
		message: 'The secret is too short: use at least 16 random characters',
	});
	expect(await testCredential(SECRET)).toEqual({
		status: 'OK',
		message: 'The header name and secret are usable',
	});
});

test('n8n loads the action trigger, with its webhook, and the action response from the installed package', async () => {
	const descriptions = await n8nServer.rest<
		Array<{ displayName: string; webhooks?: Array<{ httpMethod: string; path: string }> }>
	>('POST', '/node-types', {
		nodeInfos: ['openDialogActionTrigger', 'openDialogActionResponse'].map((name) => ({
			name: `n8n-nodes-opendialog.${name}`,
			version: 1,
		})),
	});
	expect(descriptions.map((description) => description.displayName)).toEqual([
		'OpenDialog Action Trigger',
		'OpenDialog Action Response',
	]);
	expect(descriptions[0].webhooks).toEqual([
		expect.objectContaining({ httpMethod: 'POST', path: 'action' }),
	]);
});
