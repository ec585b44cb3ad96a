/** The local Chat API stand-in itself, over real HTTP: what the node tests rely on. */
import {
	ANONYMOUS_COOKIE,
	CHAT_APP_KEY,
	CHAT_SCENARIO_ID,
	defaultChatConfig,
	type ChatConfig,
} from '../server/chat-routes';
import { useLocalOpenDialog } from '../helpers/local-server';

const od = useLocalOpenDialog();

function useChat(changes: Partial<ChatConfig>) {
	od.server.configure({ chat: { ...defaultChatConfig(), ...changes } });
}

function envelope(userId: string, content: Record<string, unknown>) {
	return {
		notification: 'message',
		user_id: userId,
		author: userId,
		content: {
			author: userId,
			user: { custom: { selected_scenario: CHAT_SCENARIO_ID } },
			...content,
		},
	};
}

const WELCOME = { type: 'trigger', callback_id: 'WELCOME', data: {} };

async function call(
	path: string,
	init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
	const response = await fetch(`${od.server.url}${path}`, {
		method: init.method ?? (init.body ? 'POST' : 'GET'),
		headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...init.headers },
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
	const text = await response.text();
	return {
		status: response.status,
		text,
		json: text ? JSON.parse(text) : undefined,
		headers: response.headers,
	};
}

const v3Headers = (userId: string, extra: Record<string, string> = {}) => ({
	Authorization: `Bearer ${CHAT_APP_KEY}`,
	'OPENDIALOG-USER-ID': userId,
	'OPENDIALOG-SCENARIO-ID': CHAT_SCENARIO_ID,
	...extra,
});

describe('Chat API test server', () => {
	test('v1: WELCOME answers a list of two, the first internal; one reply is a bare object', async () => {
		useChat({ generation: 'v1' });
		const welcome = await call('/incoming/webchat', { body: envelope('u1', WELCOME) });
		expect(welcome.status).toBe(200);
		expect(welcome.json).toHaveLength(2);
		expect(welcome.json[0]).toMatchObject({
			author: 'them',
			type: 'text',
			data: { internal: true, hidetime: true },
		});
		expect(welcome.json[1]).toMatchObject({ type: 'button', data: { internal: false } });
		expect(welcome.json[1].data.time).toMatch(/^\d\d:\d\d [AP]M$/);
		const hours = await call('/incoming/webchat', {
			body: envelope('u1', { type: 'text', data: { text: 'hours?' } }),
		});
		expect(hours.json).toMatchObject({
			type: 'text',
			data: { text: 'We are open 9am to 5pm, Monday to Friday.' },
		});
	});

	test('an empty message is [false], no message [], a url_click an empty body', async () => {
		useChat({ generation: 'v1' });
		const say = (text: string) =>
			call('/incoming/webchat', { body: envelope('u1', { type: 'text', data: { text } }) });
		expect((await say('hush')).json).toEqual([false]);
		expect((await say('nothing')).json).toEqual([]);
		const click = await call('/incoming/webchat', {
			body: envelope('u1', { type: 'url_click', data: { url: 'x' } }),
		});
		expect([click.status, click.text]).toEqual([200, '']);
	});

	test("422s name the field with Laravel's wording; missing data is a 500", async () => {
		useChat({ generation: 'v1' });
		const invalid = await call('/incoming/webchat', {
			body: { notification: 'read', content: { type: 'poke', data: {} } },
		});
		expect(invalid.status).toBe(422);
		expect(invalid.json.errors).toEqual({
			notification: ['The selected notification is invalid.'],
			user_id: ['The user id field is required.'],
			author: ['The author field is required.'],
			'content.type': ['The selected content.type is invalid.'],
		});
		const noData = await call('/incoming/webchat', { body: envelope('u1', { type: 'text' }) });
		expect(noData.status).toBe(500);
	});

	test('without selected_scenario the engine finds no conversation', async () => {
		useChat({ generation: 'v1' });
		const answer = await call('/incoming/webchat', {
			body: { ...envelope('u1', WELCOME), content: { ...WELCOME, user: {} } },
		});
		expect(answer.json.data.text).toBe('No conversations are defined or activated');
	});

	test('v2 wants the bearer app key on every route', async () => {
		useChat({ generation: 'v2' });
		expect((await call('/incoming/chatApi', { body: envelope('u1', WELCOME) })).status).toBe(401);
		const ok = await call('/incoming/chatApi', {
			body: envelope('u1', WELCOME),
			headers: { Authorization: `Bearer ${CHAT_APP_KEY}` },
		});
		expect(ok.status).toBe(200);
		expect((await call('/chat-api/message', { body: envelope('u1', WELCOME) })).status).toBe(404);
	});

	test('v3: missing headers are a 422 naming them', async () => {
		useChat({ generation: 'v3' });
		const answer = await call('/chat-api/message', {
			body: envelope('u1', WELCOME),
			headers: { Authorization: `Bearer ${CHAT_APP_KEY}` },
		});
		expect(answer.status).toBe(422);
		expect(Object.keys(answer.json.errors)).toEqual([
			'OPENDIALOG-USER-ID',
			'OPENDIALOG-SCENARIO-ID',
		]);
	});

	test('v3 anonymous auth: the first call sets a cookie, later calls without it are 401', async () => {
		useChat({ generation: 'v3', anonymousAuth: true });
		const first = await call('/chat-api/message', {
			body: envelope('u1', WELCOME),
			headers: v3Headers('u1'),
		});
		expect(first.status).toBe(200);
		const cookie = first.headers.get('set-cookie')!.split(';')[0];
		expect(cookie).toBe(`${ANONYMOUS_COOKIE}=${od.server.chat.tokenOf('u1')}`);
		const without = await call('/chat-api/message', {
			body: envelope('u1', WELCOME),
			headers: v3Headers('u1'),
		});
		expect(without.status).toBe(401);
		const withCookie = await call('/chat-api/history?limit=2', {
			headers: v3Headers('u1', { Cookie: cookie }),
		});
		expect(withCookie.status).toBe(200);
		expect(withCookie.json.map((row: { type: string }) => row.type)).toEqual(['button', 'text']);
	});

	test('history is newest first, honours limit and ignore, and knows nothing of unknown users', async () => {
		useChat({ generation: 'v1' });
		await call('/incoming/webchat', { body: envelope('u1', WELCOME) });
		await call('/incoming/webchat', {
			body: envelope('u1', { type: 'text', data: { text: 'my order' } }),
		});
		const rows = (await call('/user/u1/history?ignore=trigger')).json;
		expect(rows.map((row: { message: string }) => row.message)).toEqual([
			'Sure. What is your <b>order number</b>?',
			'my order',
			'What can I help you with?',
			"Hello! I'm the Acme assistant.",
		]);
		expect((await call('/user/u1/history?limit=1')).json).toHaveLength(1);
		expect((await call('/user/nobody/history')).json).toEqual([]);
	});
});
