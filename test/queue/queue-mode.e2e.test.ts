import { randomUUID } from 'node:crypto';

import { exampleWorkflow } from '../helpers/examples';
import { CREDENTIALS } from '../helpers/n8n-fixture';
import { credentialRef, type WorkflowNode } from '../helpers/workflows';
import { OpenDialogTestServer } from '../server/server';
import { QueueCluster } from './queue-cluster';

jest.setTimeout(600_000);

const ACTION_SECRET = 'od-queue-action-secret-8c41e2f7';
const ACTION_HEADER = 'X-OpenDialog-Secret';
const ACTION_CREDENTIAL = { id: 'opendialog-action-queue', name: 'OpenDialog Action Secret' };

const openDialog = new OpenDialogTestServer();
const cluster = new QueueCluster();

beforeAll(async () => {
	await openDialog.start();
	await cluster.start(process.env.OPENDIALOG_N8N_DIR!, process.env.OPENDIALOG_TARBALL!, [
		{
			id: CREDENTIALS.example,
			name: 'OpenDialog (local test server)',
			type: 'openDialogApi',
			data: {
				baseUrl: `${openDialog.url}/`,
				apiToken: openDialog.config.token,
				apiVersion: 'public',
			},
		},
		{
			...ACTION_CREDENTIAL,
			type: 'openDialogActionSecretApi',
			data: { headerName: ACTION_HEADER, secret: ACTION_SECRET },
		},
	]);
});

afterAll(async () => {
	await cluster.stop();
	await openDialog.close();
});

const rest = <T>(method: string, path: string, body?: unknown) =>
	cluster.mainServer!.rest<T>(method, path, body);

async function createActiveWorkflow(workflow: object): Promise<string> {
	const created = await rest<{ id: string; versionId: string }>('POST', '/workflows', workflow);
	await rest('POST', `/workflows/${created.id}/activate`, { versionId: created.versionId });
	return created.id;
}

/** A production webhook feeding one node; n8n answers with that node's items. */
function webhookWorkflow(name: string, method: 'GET' | 'POST', path: string, node: WorkflowNode) {
	return {
		name,
		active: false,
		settings: { timezone: 'UTC' },
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					httpMethod: method,
					path,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{ id: randomUUID(), typeVersion: 1, position: [220, 0], ...node },
		],
		connections: { Webhook: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
	};
}

async function onlyExecutionRanOnWorker(workflowId: string): Promise<void> {
	const [execution, ...others] = await cluster.mainServer!.waitForExecutions(workflowId, 1);
	expect(others).toHaveLength(0);
	expect(execution.status).toBe('success');
	expect(cluster.workerRan(execution.id)).toBe(true);
}

test('a CRM webhook on main → Generate Webchat Deeplinks on the worker answers each contact with their own link', async () => {
	const workflowId = await createActiveWorkflow(
		webhookWorkflow('CRM contact to deeplink', 'POST', 'crm-contact', {
			name: 'Deeplink',
			type: 'n8n-nodes-opendialog.openDialogGenerateWebchatDeeplinks',
			parameters: {
				scenarioBy: 'id',
				scenarioId: 'scn-renewal',
				userId: '={{ $json.body.email }}',
				attributesMode: 'defineBelow',
				attributes: {
					attribute: [{ name: 'first_name', value: '={{ $json.body.firstName }}' }],
				},
				options: {},
			},
			credentials: credentialRef(CREDENTIALS.example),
		}),
	);

	const response = await fetch(`${cluster.mainServer!.url}/webhook/crm-contact`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ email: 'ann@example.com', firstName: 'Ann' }),
	});
	expect(response.status).toBe(200);
	const [item] = (await response.json()) as Array<{ deeplink: { url: string } }>;
	const code = /\/s\/(\w+)$/.exec(item.deeplink.url)?.[1];
	expect(openDialog.links.get(code ?? '')).toMatchObject({
		scenarioId: 'scn-renewal',
		userId: 'ann@example.com',
		attributes: { first_name: 'Ann' },
	});
	await onlyExecutionRanOnWorker(workflowId);
});

test('Get Interactions runs on the worker and returns the range per user', async () => {
	openDialog.addMessages([
		{ user_id: 'ann', date: '2024-05-01 09:00:00', text: 'hello' },
		{ user_id: 'ben', date: '2024-05-01 10:00:00', text: 'hi' },
		{ user_id: 'ann', date: '2024-05-01 11:00:00', text: 'bye' },
	]);
	const workflowId = await createActiveWorkflow(
		webhookWorkflow('Interactions on request', 'GET', 'interactions', {
			name: 'Get Interactions',
			type: 'n8n-nodes-opendialog.openDialogGetInteractions',
			parameters: { from: '2024-05-01T00:00:00', to: '2024-05-01T23:59:59' },
			credentials: credentialRef(CREDENTIALS.example),
		}),
	);

	const response = await fetch(`${cluster.mainServer!.url}/webhook/interactions`);
	expect(response.status).toBe(200);
	const users = (await response.json()) as Array<{ user_id: string; interactions: unknown[] }>;
	expect(users.map((user) => [user.user_id, user.interactions.length])).toEqual([
		['ann', 2],
		['ben', 1],
	]);
	await onlyExecutionRanOnWorker(workflowId);
});

/** OpenDialog Action Trigger → OpenDialog Action Response with these parameters. */
function actionWorkflow(name: string, webhookId: string, response: Record<string, unknown>) {
	const node = (nodeName: string, type: string, x: number, rest: object) => ({
		id: randomUUID(),
		name: nodeName,
		type: `n8n-nodes-opendialog.${type}`,
		typeVersion: 1,
		position: [x, 0],
		...rest,
	});
	return {
		name,
		active: false,
		settings: { timezone: 'UTC' },
		nodes: [
			node('OpenDialog Action Trigger', 'openDialogActionTrigger', 0, {
				webhookId,
				parameters: { respond: 'responseNode' },
				credentials: { openDialogActionSecretApi: ACTION_CREDENTIAL },
			}),
			node('Answer', 'openDialogActionResponse', 220, { parameters: response }),
		],
		connections: {
			'OpenDialog Action Trigger': { main: [[{ node: 'Answer', type: 'main', index: 0 }]] },
		},
	};
}

/** What OpenDialog does: POST the action's input attributes, with the secret, to main. */
async function callAction(webhookId: string, attributes: Record<string, unknown>) {
	const response = await fetch(`${cluster.mainServer!.url}/webhook/${webhookId}/action`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', [ACTION_HEADER]: ACTION_SECRET },
		body: JSON.stringify({ input_data: { attributes } }),
	});
	return { status: response.status, body: (await response.json()) as unknown };
}

test("an OpenDialog action call on main runs on the worker, and the workflow's answer goes back through main", async () => {
	const webhookId = randomUUID();
	const workflowId = await createActiveWorkflow(
		actionWorkflow('Action on a worker', webhookId, {
			answer: 'success',
			attributesMode: 'defineBelow',
			attributes: {
				attribute: [{ name: 'full_name', value: "={{ $json.first_name + ' Smith' }}" }],
			},
		}),
	);
	expect(await callAction(webhookId, { first_name: 'John' })).toEqual({
		status: 200,
		body: { successful: true, output_data: { attributes: { full_name: 'John Smith' } } },
	});
	await onlyExecutionRanOnWorker(workflowId);
});

test("an action workflow that fails on the worker is answered through main in OpenDialog's format", async () => {
	const webhookId = randomUUID();
	const workflowId = await createActiveWorkflow(
		actionWorkflow('Failing action on a worker', webhookId, {
			answer: 'success',
			attributesMode: 'json',
			attributesJson: '["not", "an", "object"]',
		}),
	);
	const answer = await callAction(webhookId, { first_name: 'John' });
	expect(answer).toEqual({
		status: 200,
		body: {
			successful: false,
			errors: [
				{
					message: expect.stringMatching(
						/^The n8n workflow behind this action failed.*Open the workflow's executions in n8n/,
					),
				},
			],
		},
	});
	const [execution, ...others] = await cluster.mainServer!.waitForExecutions(workflowId, 1);
	expect(others).toHaveLength(0);
	expect(execution.status).toBe('error');
	expect(cluster.workerRan(execution.id)).toBe(true);
});

test('the trigger, active on main, emits each new interaction once and keeps its cursor across a restart of main', async () => {
	const claim = (user: string, text: string) => ({
		user_id: user,
		date: new Date().toISOString(),
		text,
		chatbot_user_data: {
			email: `${user}@example.com`,
			custom: { selected_scenario: 'scn-claims' },
		},
	});
	const workflowId = await createActiveWorkflow({
		...exampleWorkflow('trigger-to-crm.workflow.json'),
		id: undefined,
	});
	const cursor = async () =>
		(
			await rest<{ staticData: Record<string, { cursor?: number }> }>(
				'GET',
				`/workflows/${workflowId}`,
			)
		).staticData['node:OpenDialog Trigger'].cursor!;
	const cursorAtActivation = await cursor();

	openDialog.addMessages([claim('first', 'My window is broken')]);
	const [first] = await cluster.mainServer!.waitForExecutions(workflowId, 1);
	expect(first.status).toBe('success');
	expect(cluster.workerRan(first.id)).toBe(true);
	expect((await rest<{ data: string }>('GET', `/executions/${first.id}`)).data).toContain(
		'Chatted with the claims bot: My window is broken',
	);
	const cursorBeforeRestart = await cursor();
	expect(cursorBeforeRestart).toBeGreaterThanOrEqual(cursorAtActivation);

	await cluster.stopMain();
	openDialog.addMessages([claim('second', 'The roof leaks')]);
	await cluster.startMain();
	// On start-up main activates the workflow again, and n8n polls once right away.
	const afterRestart = await cluster.mainServer!.waitForExecutions(workflowId, 2);
	const second = afterRestart.find((execution) => execution.id !== first.id)!;
	const secondData = (await rest<{ data: string }>('GET', `/executions/${second.id}`)).data;
	expect(secondData).toContain('Chatted with the claims bot: The roof leaks');
	expect(secondData).not.toContain('My window is broken');
	expect(await cursor()).toBeGreaterThanOrEqual(cursorBeforeRestart);

	// Once: the next scheduled poll (every minute) finds nothing new.
	const pollsSoFar = openDialog.apiRequests('interactions').length;
	const deadline = Date.now() + 90_000;
	while (openDialog.apiRequests('interactions').length === pollsSoFar && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	expect(openDialog.apiRequests('interactions').length).toBeGreaterThan(pollsSoFar);
	await new Promise((resolve) => setTimeout(resolve, 5000));
	expect(await cluster.mainServer!.executions(workflowId)).toHaveLength(2);
});
