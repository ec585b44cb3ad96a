/**
 * The OpenDialog Chat node in real n8n's server, against the local Chat API with anonymous
 * authentication on: the credential's Test button, the SMS-bridge example holding a
 * conversation across executions, each API generation, a five-turn Run Script with one
 * failing turn, and an AI Agent asking the bot through the node as a tool.
 */
import { randomUUID } from 'node:crypto';

import { exampleWorkflow } from '../helpers/examples';
import { useRealN8n } from '../helpers/n8n-fixture';
import { N8nServer } from '../helpers/n8n-server';
import {
	CHAT_APP_KEY,
	CHAT_SCENARIO_ID,
	defaultChatConfig,
	type ChatConfig,
	type ChatGeneration,
} from '../server/chat-routes';
import { ScriptedChatModel, toolResults } from '../server/openai-model';

jest.setTimeout(300_000);

const CHAT_CONFIG: ChatConfig = { ...defaultChatConfig(), anonymousAuth: true };
const fixture = useRealN8n({ chat: CHAT_CONFIG });
const model = new ScriptedChatModel();
let n8nServer: N8nServer;

/** `opendialog-chat-local` is the id the examples refer to; it speaks the current cloud API. */
const CREDENTIAL_IDS: Record<ChatGeneration, string> = {
	v1: 'od-chat-v1',
	v2: 'od-chat-v2',
	v3: 'opendialog-chat-local',
};

const credentialData = (generation: ChatGeneration, appToken = CHAT_APP_KEY) => ({
	baseUrl: `${fixture.server.url}/`,
	appToken,
	scenarioId: CHAT_SCENARIO_ID,
	generation,
});

beforeAll(async () => {
	await model.start();
	await fixture.n8n.importCredentials([
		...(['v1', 'v2', 'v3'] as const).map((generation) => ({
			id: CREDENTIAL_IDS[generation],
			name: CREDENTIAL_IDS[generation],
			type: 'openDialogChatApi',
			data: credentialData(generation),
		})),
		{
			id: 'openai-example',
			name: 'OpenAI',
			type: 'openAiApi',
			data: { apiKey: 'sk-local-test-model', url: model.url },
		},
	]);
	n8nServer = await N8nServer.start(fixture.n8n);
});

afterAll(async () => {
	await n8nServer?.stopAndWait();
	await model.close();
});

beforeEach(() => fixture.server.reset({ chat: { ...CHAT_CONFIG } }));

interface WorkflowJson {
	id?: string;
	name: string;
	active?: boolean;
	settings?: Record<string, unknown>;
	nodes: Array<{
		name: string;
		type: string;
		webhookId?: string;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
	connections: Record<string, unknown>;
}

async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
	const response = await fetch(`${n8nServer.url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

function node(workflow: WorkflowJson, name: string) {
	return workflow.nodes.find((candidate) => candidate.name === name)!;
}

/** The bridge example on a path and credential of its own. */
function bridge(path: string, generation: ChatGeneration = 'v3'): WorkflowJson {
	const workflow = exampleWorkflow('chat-sms-bridge.workflow.json') as unknown as WorkflowJson;
	workflow.name = `Bridge ${path}`;
	const webhook = node(workflow, 'Incoming Message');
	webhook.parameters.path = path;
	webhook.webhookId = randomUUID();
	node(workflow, 'Ask the Bot').credentials = {
		openDialogChatApi: { id: CREDENTIAL_IDS[generation], name: CREDENTIAL_IDS[generation] },
	};
	return workflow;
}

describe('the credential Test button', () => {
	const test_ = (generation: ChatGeneration, appToken?: string) =>
		n8nServer.rest<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: {
				id: CREDENTIAL_IDS[generation],
				name: 'OpenDialog Chat',
				type: 'openDialogChatApi',
				data: credentialData(generation, appToken),
			},
		});

	test('passes with the right URL, key, scenario and generation', async () => {
		expect(await test_('v3')).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = fixture.server.requests;
		expect(request.path).toBe('/chat-api/configuration');
	});

	test('passes on the open-source generation, whose configuration is JSON sent as HTML', async () => {
		fixture.server.configure({ chat: { ...CHAT_CONFIG, generation: 'v1' } });
		expect((await test_('v1')).status).toBe('OK');
	});

	test('says which of key or generation is wrong', async () => {
		expect(await test_('v3', 'not-the-app-key-1234')).toEqual({
			status: 'Error',
			message:
				"OpenDialog rejected the App Key (401): copy the appKey from the webchat embed code in the scenario's Interface Settings. The Public API token is a different key.",
		});
		fixture.server.configure({ chat: { ...CHAT_CONFIG, generation: 'v1' } });
		expect((await test_('v3')).message).toBe(
			'Nothing answers at this address for the chosen API Generation (404): check the Chat Base URL, then the API Generation (cloud workspaces since June 2025 use "Cloud 3.0 and Later")',
		);
	});
});

describe('the SMS bridge example', () => {
	test('holds a three-turn conversation across three executions, the cookie kept between them', async () => {
		const workflowId = await n8nServer.activate(bridge('opendialog-chat-bridge'));
		const from = '+447700900123';
		const turns = [
			['I have a question about my order', 'Sure. What is your order number?'],
			[
				'4711',
				'Order 4711 is on its way.\n\nIt arrives tomorrow. Track it (https://example.com/t)',
			],
			[
				'menu',
				'What can I help you with?\n- Track an order\n- Opening hours\n- Help page: https://example.com/help',
			],
		];
		for (const [index, [text, reply]] of turns.entries()) {
			const answer = await post('opendialog-chat-bridge', { from, text });
			expect(answer).toEqual({
				status: 200,
				body: {
					to: from,
					text: reply,
					buttons: index === 2 ? ['Track an order', 'Opening hours', 'Help page'] : [],
				},
			});
			// n8n stores the node's static data when the execution ends.
			await n8nServer.waitForExecutions(workflowId, index + 1);
		}
		const token = fixture.server.chat.tokenOf(from);
		expect(
			fixture.server.chat.deliveries.map((delivery) => [delivery.status, delivery.headers.cookie]),
		).toEqual([
			[200, undefined],
			[200, `opendialog_anonymous_authentication_token=${token}`],
			[200, `opendialog_anonymous_authentication_token=${token}`],
		]);
	});
});

describe('after n8n restarts', () => {
	test("the user's cookie is still there: the conversation goes on", async () => {
		const workflowId = await n8nServer.activate(bridge('chat-restart'));
		const from = 'whatsapp:+447700900456';
		const first = await post('chat-restart', { from, text: 'my order' });
		expect(first.body).toMatchObject({ text: 'Sure. What is your order number?' });
		await n8nServer.waitForExecutions(workflowId, 1);
		await n8nServer.stopAndWait();
		n8nServer = await N8nServer.start(fixture.n8n);
		const second = await post('chat-restart', { from, text: '815' });
		expect(second.body).toMatchObject({
			text: expect.stringContaining('Order 815 is on its way.'),
		});
		expect(fixture.server.chat.deliveries[1].headers.cookie).toBe(
			`opendialog_anonymous_authentication_token=${fixture.server.chat.tokenOf(from)}`,
		);
	});
});

describe('each API generation', () => {
	test.each<[ChatGeneration, string]>([
		['v1', '/incoming/webchat'],
		['v2', '/incoming/chatApi'],
		['v3', '/chat-api/message'],
	])('%s: a message reaches the bot at %s and its answer comes back', async (generation, path) => {
		fixture.server.configure({ chat: { ...CHAT_CONFIG, generation } });
		await n8nServer.activate(bridge(`chat-${generation}`, generation));
		const answer = await post(`chat-${generation}`, {
			from: `user-${generation}`,
			text: 'opening hours',
		});
		expect(answer.body).toMatchObject({ text: 'We are open 9am to 5pm, Monday to Friday.' });
		expect(fixture.server.chat.deliveries.map((delivery) => delivery.path)).toEqual([path]);
	});
});

describe('Run Script', () => {
	/** The nightly example, started by a webhook that answers with every turn, turn 4 made to fail. */
	function scriptWorkflow(path: string, failOnMismatch: boolean): WorkflowJson {
		const workflow = exampleWorkflow(
			'chat-nightly-conversation-test.workflow.json',
		) as unknown as WorkflowJson;
		workflow.name = `Script ${path}`;
		const trigger = node(workflow, 'Every Night');
		Object.assign(trigger, {
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: failOnMismatch
				? '7d2e3f40-0000-4000-8000-0000000000f1'
				: '7d2e3f40-0000-4000-8000-0000000000f0',
			parameters: {
				httpMethod: 'POST',
				path,
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		});
		const script = node(workflow, 'Conversation Script');
		script.parameters.jsCode = String(script.parameters.jsCode).replace(
			"expect: 'Monday to Friday'",
			"expect: 'closed on Sundays'",
		);
		node(workflow, 'Play the Script').parameters.options = { failOnMismatch };
		return workflow;
	}

	test('five turns, one failing: one item per turn with pass/fail and the reply', async () => {
		await n8nServer.activate(scriptWorkflow('chat-script', false));
		const answer = await post('chat-script', {});
		const turns = answer.body as Array<Record<string, unknown>>;
		expect(turns.map((turn) => [turn.turn, turn.passed])).toEqual([
			[1, true],
			[2, true],
			[3, true],
			[4, false],
			[5, true],
		]);
		expect(turns[3].reply).toBe('We are open 9am to 5pm, Monday to Friday.');
		expect(new Set(turns.map((turn) => turn.userId)).size).toBe(1);
	});

	test('with Fail the Node on, the failing turn fails the execution', async () => {
		const workflowId = await n8nServer.activate(scriptWorkflow('chat-script-strict', true));
		await post('chat-script-strict', {});
		const [execution] = await n8nServer.waitForExecutions(workflowId, 1);
		expect(execution.status).toBe('error');
	});
});

describe('as an AI Agent tool', () => {
	const QUESTION = 'When are you open?';
	const FINAL = 'The company assistant says they are open 9am to 5pm on weekdays.';

	function agentWorkflow(): WorkflowJson {
		const ids = (n: number) => `8e3f4051-0000-4000-8000-00000000000${n}`;
		return {
			name: 'Agent asks OpenDialog',
			active: false,
			settings: { executionOrder: 'v1', timezone: 'UTC' },
			nodes: [
				{
					...{ id: ids(1), typeVersion: 2, position: [0, 0], webhookId: ids(9) },
					name: 'Question',
					type: 'n8n-nodes-base.webhook',
					parameters: {
						httpMethod: 'POST',
						path: 'chat-agent',
						responseMode: 'lastNode',
						options: {},
					},
				},
				{
					...{ id: ids(2), typeVersion: 3, position: [240, 0] },
					name: 'AI Agent',
					type: '@n8n/n8n-nodes-langchain.agent',
					parameters: {
						promptType: 'define',
						text: '={{ $json.body.question }}',
						options: { systemMessage: 'Ask the company assistant through Ask_OpenDialog.' },
					},
				},
				{
					...{ id: ids(3), typeVersion: 1.2, position: [120, 220] },
					name: 'OpenAI Chat Model',
					type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
					parameters: { model: { __rl: true, mode: 'list', value: 'gpt-4.1-mini' }, options: {} },
					credentials: { openAiApi: { id: 'openai-example', name: 'OpenAI' } },
				},
				{
					...{ id: ids(4), typeVersion: 1, position: [300, 220] },
					name: 'Ask OpenDialog',
					type: 'n8n-nodes-opendialog.openDialogChatTool',
					parameters: {
						operation: 'sendMessage',
						userId: 'agent-user',
						messageType: 'text',
						text: "={{ $fromAI('question', 'The question for the company assistant', 'string') }}",
						options: {},
					},
					credentials: { openDialogChatApi: { id: CREDENTIAL_IDS.v3, name: CREDENTIAL_IDS.v3 } },
				},
			],
			connections: {
				Question: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
				'OpenAI Chat Model': {
					ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
				},
				'Ask OpenDialog': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
			},
		};
	}

	test('the agent asks the bot and gets its answer as text', async () => {
		model.script(
			{ toolCalls: [{ name: 'Ask_OpenDialog', arguments: { question: 'opening hours?' } }] },
			{ content: FINAL },
		);
		await n8nServer.activate(agentWorkflow());
		const answer = await post('chat-agent', { question: QUESTION });
		expect(answer.body).toEqual({ output: FINAL });
		const tools = (model.requests[0]?.tools ?? []).map((tool) => tool.function.name);
		expect(tools).toEqual(['Ask_OpenDialog']);
		const result = [...toolResults(model.requests[1]).values()].join('');
		expect(result).toContain('We are open 9am to 5pm, Monday to Friday.');
		expect(result).not.toContain(CHAT_APP_KEY.split('|')[1]);
		expect((fixture.server.chat.deliveries[0].body as { content: unknown }).content).toMatchObject({
			type: 'text',
			data: { text: 'opening hours?' },
		});
	});
});
