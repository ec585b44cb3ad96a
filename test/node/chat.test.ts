/** The OpenDialog Chat node's execute() in n8n's engine, against the local Chat API over HTTP. */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { OpenDialogChatApi } from '../../credentials/OpenDialogChatApi.credentials';
import { OpenDialogChat } from '../../nodes/OpenDialogChat/OpenDialogChat.node';
import { useLocalOpenDialog } from '../helpers/local-server';
import { runNode } from '../helpers/run-node';
import {
	CHAT_APP_KEY,
	CHAT_SCENARIO_ID,
	defaultChatConfig,
	type ChatConfig,
	type ChatGeneration,
} from '../server/chat-routes';

const od = useLocalOpenDialog();

function useChat(changes: Partial<ChatConfig> = {}) {
	od.server.configure({ chat: { ...defaultChatConfig(), ...changes } });
}

function chatCredentials(changes: Record<string, string> = {}) {
	return {
		baseUrl: `${od.server.url}/`,
		appToken: CHAT_APP_KEY,
		scenarioId: CHAT_SCENARIO_ID,
		generation: 'v3',
		...changes,
	};
}

interface ChatRun {
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	credentials?: Record<string, string>;
	staticData?: IDataObject;
	continueOnFail?: boolean;
}

function chat({ parameters, items, credentials, staticData, continueOnFail }: ChatRun) {
	return runNode({
		node: new OpenDialogChat(),
		nodeType: 'n8n-nodes-opendialog.openDialogChat',
		credentialType: new OpenDialogChatApi(),
		credentials: chatCredentials(credentials),
		parameters,
		items,
		staticData,
		continueOnFail,
	});
}

const welcome = (userId = 'u1') => ({
	operation: 'sendMessage',
	userId,
	messageType: 'trigger',
	callbackId: 'WELCOME',
});
const say = (text: string, userId = 'u1') => ({
	operation: 'sendMessage',
	userId,
	messageType: 'text',
	text,
});

const messagePosts = () => od.server.chat.deliveries;

beforeEach(() => useChat());

describe('Send Message', () => {
	test('a WELCOME trigger answers with both bot messages, plain text with buttons listed, buttons as data', async () => {
		const run = await chat({ parameters: welcome() });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		const json = run.items[0].json;
		expect(json.userId).toBe('u1');
		expect(json.text).toBe(
			"Hello! I'm the Acme assistant.\n\nWhat can I help you with?\n- Track an order\n- Opening hours\n- Help page: https://example.com/help",
		);
		expect(json.buttons).toEqual([
			{ label: 'Track an order', callbackId: 'intent.app.track', value: null, messageIndex: 1 },
			{
				label: 'Opening hours',
				callbackId: 'intent.app.hours',
				value: 'topic.hours',
				messageIndex: 1,
			},
			{ label: 'Help page', link: 'https://example.com/help', messageIndex: 1 },
		]);
		expect((json.messages as IDataObject[]).map((message) => message.type)).toEqual([
			'text',
			'button',
		]);
	});

	test('sends the envelope OpenDialog validates, selected_scenario and the v3 headers', async () => {
		await chat({ parameters: welcome('+447700900123') });
		const [delivery] = messagePosts();
		expect(delivery.path).toBe('/chat-api/message');
		expect(delivery.headers['opendialog-user-id']).toBe('+447700900123');
		expect(delivery.headers['opendialog-scenario-id']).toBe(CHAT_SCENARIO_ID);
		expect(delivery.headers.authorization).toBe(`Bearer ${CHAT_APP_KEY}`);
		expect(delivery.headers.accept).toBe('application/json');
		expect(delivery.body).toMatchObject({
			notification: 'message',
			user_id: '+447700900123',
			author: '+447700900123',
			content: {
				type: 'trigger',
				callback_id: 'WELCOME',
				data: {},
				user: { custom: { selected_scenario: CHAT_SCENARIO_ID } },
			},
		});
		expect((delivery.body as IDataObject).message_id).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('a two-turn order conversation: HTML stripped, links kept as text', async () => {
		await chat({ parameters: say('I have a question about my order') });
		const run = await chat({ parameters: say('It is 4711') });
		expect(run.items[0].json.text).toBe(
			'Order 4711 is on its way.\n\nIt arrives tomorrow. Track it (https://example.com/t)',
		);
	});

	test('one output item per input item, each paired with its input', async () => {
		const run = await chat({
			parameters: { ...say('={{ $json.body }}'), userId: '={{ $json.from }}' },
			items: [
				{ json: { from: 'a', body: 'opening hours?' } },
				{ json: { from: 'b', body: 'blah' } },
				{ json: { from: 'c', body: 'hours' } },
			],
		});
		expect(run.items.map((item) => [item.json.userId, item.pairedItem])).toEqual([
			['a', { item: 0 }],
			['b', { item: 1 }],
			['c', { item: 2 }],
		]);
		expect(run.items[1].json.text).toBe('Sorry, I did not understand "blah".');
	});

	test('an empty message ([false]) and no message ([]) are an answer without messages', async () => {
		const run = await chat({
			parameters: { ...say('={{ $json.text }}') },
			items: [{ json: { text: 'hush' } }, { json: { text: 'nothing' } }],
		});
		expect(run.items.map((item) => [item.json.text, item.json.messages])).toEqual([
			['', []],
			['', []],
		]);
	});

	test('One Item per Bot Message splits the answer', async () => {
		const run = await chat({ parameters: { ...welcome(), options: { splitMessages: true } } });
		expect(
			run.items.map((item) => [item.json.messageIndex, item.json.type, item.json.text]),
		).toEqual([
			[0, 'text', "Hello! I'm the Acme assistant."],
			[
				1,
				'button',
				'What can I help you with?\n- Track an order\n- Opening hours\n- Help page: https://example.com/help',
			],
		]);
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('a button reply sends the callback id, value and label', async () => {
		const run = await chat({
			parameters: {
				operation: 'sendMessage',
				userId: 'u1',
				messageType: 'buttonReply',
				buttonCallbackId: 'intent.app.hours',
				value: 'topic.hours',
				buttonLabel: 'Opening hours',
			},
		});
		expect(run.items[0].json.text).toBe('We are open 9am to 5pm, Monday to Friday.');
		expect((messagePosts()[0].body as { content: unknown }).content).toMatchObject({
			type: 'button_response',
			callback_id: 'intent.app.hours',
			data: { value: 'topic.hours', text: 'Opening hours' },
		});
	});

	test('user fields and custom attributes reach the bot as user attributes', async () => {
		const run = await chat({
			parameters: {
				...say('who am i'),
				userFields: {
					first_name: 'Ada',
					last_name: 'Lovelace',
					email: 'ada@example.com',
					external_id: 'crm-42',
				},
				attributes: { attribute: [{ name: 'plan', value: 'premium' }] },
			},
		});
		expect(run.items[0].json.text).toBe(
			'You are Ada Lovelace (ada@example.com, id crm-42), plan premium.',
		);
	});

	test('the anonymous-auth cookie is kept per user across executions, and never output', async () => {
		useChat({ anonymousAuth: true });
		const staticData: IDataObject = {};
		const first = await chat({ parameters: welcome('alice'), staticData });
		await chat({ parameters: welcome('bob'), staticData });
		const second = await chat({ parameters: say('my order', 'alice'), staticData });
		const third = await chat({ parameters: say('42', 'alice'), staticData });
		expect(second.error).toBeUndefined();
		expect(third.items[0].json.text).toContain('Order 42 is on its way.');
		const token = od.server.chat.tokenOf('alice')!;
		expect(messagePosts().map((delivery) => delivery.headers.cookie)).toEqual([
			undefined,
			undefined,
			`opendialog_anonymous_authentication_token=${token}`,
			`opendialog_anonymous_authentication_token=${token}`,
		]);
		const jar = (staticData['node:OpenDialog'] as IDataObject).anonymousCookies as IDataObject;
		expect(Object.keys(jar)).toHaveLength(2);
		expect(JSON.stringify([first.items, second.items, third.items])).not.toContain(token);
	});

	test('without the stored cookie the conversation is refused with a 401 that explains it', async () => {
		useChat({ anonymousAuth: true });
		await chat({ parameters: welcome('alice'), staticData: {} });
		const run = await chat({ parameters: say('my order', 'alice'), staticData: {} });
		expect(run.error?.message).toBe('OpenDialog rejected the chat App Key (401) [item 0]');
		expect(run.error?.description).toContain('Public API token is a different key');
		expect(run.error?.description).toContain('Anonymous Authentication');
	});
});

describe('faults', () => {
	test('a wrong app key: 401 says check the app key, and the key is nowhere in the error', async () => {
		const wrongKey = '3377699721000000|notTheKey8812';
		const run = await chat({ parameters: welcome(), credentials: { appToken: wrongKey } });
		expect(run.error?.message).toBe('OpenDialog rejected the chat App Key (401) [item 0]');
		expect(run.error?.description).toContain('webchat embed code');
		const everything = JSON.stringify({
			...run.error,
			stack: run.error?.stack,
			message: run.error?.message,
		});
		expect(everything).not.toContain('notTheKey8812');
		expect(everything).not.toContain(CHAT_APP_KEY.split('|')[1]);
	});

	test('an item carrying a toolCallId is not a tool call: a failure fails the node', async () => {
		const run = await chat({
			parameters: welcome(),
			items: [{ json: { chatInput: 'hi', toolCallId: 'call_1' } }],
			credentials: { appToken: '3377699721000000|notTheKey8812' },
		});
		expect(run.error?.message).toBe('OpenDialog rejected the chat App Key (401) [item 0]');
	});

	test('a 422 names the field: an unknown scenario id in the header', async () => {
		const run = await chat({ parameters: welcome(), credentials: { scenarioId: '999' } });
		expect(run.error?.message).toBe(
			'OpenDialog rejected the message on trigger "WELCOME" for user "u1": OPENDIALOG-SCENARIO-ID: The selected OPENDIALOG-SCENARIO-ID is invalid. [item 0]',
		);
		expect(run.error?.description).toContain("credential's Scenario ID");
	});

	test('a 500 names the message it failed on and is not sent again', async () => {
		od.server.injectFaults({
			path: '/chat-api/message',
			status: 500,
			body: '{"message":"Server Error"}',
		});
		const run = await chat({ parameters: say('where is my parcel') });
		expect(run.error?.message).toBe(
			'OpenDialog failed on text "where is my parcel" for user "u1" (500) [item 0]',
		);
		expect(
			od.server.requests.filter((request) => request.path === '/chat-api/message'),
		).toHaveLength(1);
	});

	test('a 503 or 429 is retried, and the message then reaches the bot once', async () => {
		od.server.injectFaults({ path: '/chat-api/message', status: 503, retryAfter: 0 });
		od.server.injectFaults({ path: '/chat-api/message', status: 429, retryAfter: 0 });
		const run = await chat({ parameters: say('hours') });
		expect(run.items[0].json.text).toBe('We are open 9am to 5pm, Monday to Friday.');
		expect(
			od.server.requests
				.filter((request) => request.path === '/chat-api/message')
				.map((r) => r.status),
		).toEqual([503, 429, 200]);
		expect(od.server.chat.historyOf('u1').filter((row) => row.author === 'u1')).toHaveLength(1);
	});

	test('a silent server fails after the timeout', async () => {
		od.server.injectFaults({ path: '/chat-api/message', delayMs: 3000 });
		const run = await chat({ parameters: { ...say('hours'), options: { timeout: 1 } } });
		expect(run.error?.message).toBe('OpenDialog stopped answering after 1 s [item 0]');
	});

	test('Continue On Fail: an error item with message, description and HTTP code, the others answered', async () => {
		const run = await chat({
			parameters: { ...say('={{ $json.text }}') },
			items: [{ json: { text: 'hours' } }, { json: { text: '' } }],
			continueOnFail: true,
		});
		expect(run.items[0].json.text).toContain('We are open');
		expect(run.items[1].json).toEqual({
			error: "'Text' is empty [item 1]",
			description:
				'Map what the user said, e.g. {{ $json.body }}; OpenDialog cannot read an empty message.',
		});
		expect(run.items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('generations', () => {
	test.each<[ChatGeneration, string, string]>([
		['v1', '/incoming/webchat', '/user/u1/history'],
		['v2', '/incoming/chatApi', '/user/u1/history'],
		['v3', '/chat-api/message', '/chat-api/history'],
	])('%s: a conversation and its history', async (generation, messagePath, historyPath) => {
		useChat({ generation });
		await chat({ parameters: welcome(), credentials: { generation } });
		await chat({ parameters: say('my order'), credentials: { generation } });
		const history = await chat({
			parameters: { operation: 'getHistory', userId: 'u1', limit: 4, ignoreTypes: ['trigger'] },
			credentials: { generation },
		});
		expect(history.error).toBeUndefined();
		expect(history.items.map((item) => item.json.message)).toEqual([
			"Hello! I'm the Acme assistant.",
			'What can I help you with?',
			'my order',
			'Sure. What is your <b>order number</b>?',
		]);
		const paths = od.server.requests.map((request) => request.path);
		expect(paths).toEqual([messagePath, messagePath, historyPath]);
		expect(od.server.chat.deliveries[0].headers.authorization).toBe(
			generation === 'v1' ? undefined : `Bearer ${CHAT_APP_KEY}`,
		);
	});

	test('the wrong generation says to check the URL and the API Generation', async () => {
		useChat({ generation: 'v1' });
		const run = await chat({ parameters: welcome() });
		expect(run.error?.message).toBe(
			'No OpenDialog Chat API at this address for "Cloud 3.0 and Later" (404) [item 0]',
		);
	});
});

describe('Run Script', () => {
	const turns = [
		{ type: 'trigger', callbackId: 'WELCOME', expect: 'Acme assistant' },
		{ type: 'text', text: 'my order', expect: 'order number' },
		{ type: 'text', text: '4711', expect: '/Order \\d+ is on its way/' },
		{ type: 'text', text: 'opening hours', expect: 'closed on Sundays' },
		{ type: 'buttonReply', callbackId: 'intent.app.hours', expect: 'Monday to Friday' },
	];
	const scriptParameters = (options: INodeParameters = {}): INodeParameters => ({
		operation: 'runScript',
		messageType: '={{ $json.type }}',
		text: '={{ $json.text }}',
		callbackId: '={{ $json.callbackId }}',
		buttonCallbackId: '={{ $json.callbackId }}',
		expectation: '={{ $json.expect.startsWith("/") ? "matches" : "contains" }}',
		expected: '={{ $json.expect }}',
		options,
	});

	test('five turns as one new user, one failing: the node fails and names the turn', async () => {
		const run = await chat({
			parameters: scriptParameters(),
			items: turns.map((json) => ({ json })),
		});
		expect(run.error?.message).toBe(
			'1 of 5 turns failed; first, turn 4: The reply does not contain "closed on Sundays"',
		);
		expect(run.error?.description).toContain('We are open 9am to 5pm');
	});

	test('with failing off, one item per turn with pass/fail and the actual reply', async () => {
		const run = await chat({
			parameters: scriptParameters({ failOnMismatch: false }),
			items: turns.map((json) => ({ json })),
		});
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => [item.json.turn, item.json.passed])).toEqual([
			[1, true],
			[2, true],
			[3, true],
			[4, false],
			[5, true],
		]);
		expect(run.items[3].json.reply).toBe('We are open 9am to 5pm, Monday to Friday.');
		const users = new Set(
			od.server.chat.deliveries.map((delivery) => (delivery.body as IDataObject).user_id),
		);
		expect(users.size).toBe(1);
		expect([...users][0]).toMatch(/^n8n-script-/);
	});
});
