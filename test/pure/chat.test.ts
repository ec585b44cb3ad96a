import {
	answerButtons,
	answerMessages,
	answerText,
	htmlToText,
} from '../../nodes/shared/chat-api/answers';
import {
	ANONYMOUS_COOKIE,
	issuedCookie,
	pruneJar,
	recallCookie,
	rememberCookie,
	type CookieJar,
} from '../../nodes/shared/chat-api/cookies';
import { chatHeaders, chatPath } from '../../nodes/shared/chat-api/endpoints';
import { describeChatFailure } from '../../nodes/shared/chat-api/failures';
import { buildMessageBody } from '../../nodes/shared/chat-api/message-body';
import { readOutgoingMessage, readUserFields } from '../../nodes/OpenDialogChat/message-parameters';
import { checkReply, parsePattern } from '../../nodes/OpenDialogChat/script';

const text = (body: string) => ({
	author: 'them',
	type: 'text',
	intent: 'i',
	data: { text: body },
});

describe('answer → messages', () => {
	test('a bare message, a list, [false], [] and an empty body', () => {
		expect(answerMessages(text('hi'))).toEqual([text('hi')]);
		expect(answerMessages([text('a'), false, text('b')])).toEqual([text('a'), text('b')]);
		expect(answerMessages([false])).toEqual([]);
		expect(answerMessages([])).toEqual([]);
		expect(answerMessages(undefined)).toEqual([]);
		expect(answerMessages('')).toEqual([]);
	});

	test('a message without data gets an empty one, so rendering never fails', () => {
		expect(answerMessages({ type: 'cta' })).toEqual([{ type: 'cta', data: {} }]);
	});
});

describe('plain text', () => {
	test('tags dropped, breaks kept, links as label (url), entities decoded', () => {
		expect(
			htmlToText(
				'<p>Hi <b>there</b> &amp; welcome</p><br/>See <a href="https://x.io/a">our page</a> &#8364;5',
			),
		).toBe('Hi there & welcome\n\nSee our page (https://x.io/a) €5');
		expect(htmlToText('<a href="https://x.io">https://x.io</a>')).toBe('https://x.io');
	});

	test('buttons listed under their message, hidden ones left out, messages a blank line apart', () => {
		const buttons = {
			type: 'button',
			data: {
				text: 'Pick one',
				buttons: [
					{ text: 'Yes', callback_id: 'intent.yes', value: 'a.b', display: true },
					{ text: 'Call us', phone_number: '+44 20', display: true },
					{ text: 'Hidden', callback_id: 'x', display: false },
				],
			},
		};
		expect(answerText([text('Hello'), buttons])).toBe(
			'Hello\n\nPick one\n- Yes\n- Call us: +44 20',
		);
		expect(answerButtons([text('Hello'), buttons])).toEqual([
			{ label: 'Yes', callbackId: 'intent.yes', value: 'a.b', messageIndex: 1 },
			{ label: 'Call us', phoneNumber: '+44 20', messageIndex: 1 },
		]);
	});

	test('images, rich and list messages become text too', () => {
		expect(answerText([{ type: 'image', data: { img_src: 'https://x.io/i.png' } }])).toBe(
			'https://x.io/i.png',
		);
		expect(
			answerText([
				{ type: 'list', data: { items: [{ title: 'One', text: 'first' }, { title: 'Two' }] } },
			]),
		).toBe('One\nfirst\nTwo');
	});
});

describe('requests', () => {
	test('paths per generation', () => {
		expect(chatPath('v1', 'message', 'a b')).toBe('/incoming/webchat');
		expect(chatPath('v1', 'history', 'a/b')).toBe('/user/a%2Fb/history');
		expect(chatPath('v2', 'configuration', 'u')).toBe('/chatApi-config');
		expect(chatPath('v3', 'history', 'u')).toBe('/chat-api/history');
	});

	test('headers: user and scenario on v3 only, the cookie when there is one', () => {
		const base = { userId: 'u', scenarioId: 's' };
		expect(chatHeaders({ ...base, generation: 'v2' })).toEqual({});
		expect(chatHeaders({ ...base, generation: 'v3', cookie: 'c=1' })).toEqual({
			'OPENDIALOG-USER-ID': 'u',
			'OPENDIALOG-SCENARIO-ID': 's',
			Cookie: 'c=1',
		});
	});

	test('the body always carries data, user and selected_scenario', () => {
		const body = buildMessageBody({
			userId: 'u',
			scenarioId: 's1',
			message: { type: 'trigger', callbackId: 'WELCOME' },
			user: { email: 'e@x.io', custom: { plan: 'p' } },
			messageId: 'm',
		});
		expect(body).toEqual({
			notification: 'message',
			user_id: 'u',
			author: 'u',
			message_id: 'm',
			content: {
				type: 'trigger',
				callback_id: 'WELCOME',
				data: {},
				author: 'u',
				user: { email: 'e@x.io', custom: { plan: 'p', selected_scenario: 's1' } },
			},
		});
	});

	test('parameters: empty text and callback ids are refused; selected_scenario cannot be overridden', () => {
		const base = { text: '', callbackId: '', buttonCallbackId: '', value: '', buttonLabel: '' };
		expect(() => readOutgoingMessage({ ...base, messageType: 'text' })).toThrow("'Text' is empty");
		expect(() => readOutgoingMessage({ ...base, messageType: 'trigger' })).toThrow(
			"'Callback ID' is empty",
		);
		expect(
			readOutgoingMessage({ ...base, messageType: 'trigger', callbackId: 'WELCOME', value: 'a.b' }),
		).toEqual({
			type: 'trigger',
			callbackId: 'WELCOME',
			value: 'a.b',
		});
		expect(() =>
			readUserFields({}, { attribute: [{ name: 'selected_scenario', value: 'x' }] }),
		).toThrow('Scenario ID');
		expect(readUserFields({ first_name: ' Ada ', email: '' }, {})).toEqual({ first_name: 'Ada' });
	});
});

describe('anonymous-authentication cookie', () => {
	const now = Date.UTC(2026, 0, 1);

	test('found among Set-Cookie headers, with its expiry', () => {
		expect(
			issuedCookie(
				[
					'XSRF-TOKEN=abc; path=/',
					`${ANONYMOUS_COOKIE}=eyJ1; expires=Fri, 02 Jan 2026 00:00:00 GMT; path=/`,
				],
				now,
			),
		).toEqual({ cookie: `${ANONYMOUS_COOKIE}=eyJ1`, expiresAt: Date.UTC(2026, 0, 2) });
		expect(issuedCookie(`${ANONYMOUS_COOKIE}=eyJ2; Max-Age=60`, now)).toEqual({
			cookie: `${ANONYMOUS_COOKIE}=eyJ2`,
			expiresAt: now + 60_000,
		});
		expect(issuedCookie(['laravel_session=x'], now)).toBeUndefined();
	});

	test('remembered until it expires, forgotten when withdrawn', () => {
		const jar: CookieJar = {};
		rememberCookie(jar, 'k', { cookie: 'c=1', expiresAt: now + 1000 }, now);
		expect(recallCookie(jar, 'k', now + 999)).toBe('c=1');
		expect(recallCookie(jar, 'k', now + 1000)).toBeUndefined();
		rememberCookie(jar, 'k', { cookie: 'c=2' }, now);
		rememberCookie(jar, 'k', { cookie: 'c=', expiresAt: 0 }, now);
		expect(jar).toEqual({});
	});

	test('bounded: the least recently used users go first', () => {
		const jar: CookieJar = {};
		for (let user = 0; user < 5; user++)
			rememberCookie(jar, `u${user}`, { cookie: `c=${user}` }, now + user);
		recallCookie(jar, 'u0', now + 10);
		pruneJar(jar, now + 10, 3);
		expect(Object.keys(jar).sort()).toEqual(['u0', 'u3', 'u4']);
	});
});

describe('failures', () => {
	const call = {
		baseUrl: 'https://x.io',
		path: '/chat-api/message',
		apiName: 'chat',
		attempts: 1,
		secret: 'k|secret1',
	};

	test('401 points at the app key and the Public API token; the key is scrubbed', () => {
		const failure = describeChatFailure(
			{
				...call,
				statusCode: 401,
				body: { message: 'bad k|secret1' },
			},
			'v3',
		);
		expect(failure.message).toBe('OpenDialog rejected the chat App Key (401)');
		expect(failure.description).toContain('The Public API token is a different key');
		expect(JSON.stringify(failure)).not.toContain('secret1');
	});

	test('422 lists the fields; header fields say where their value comes from', () => {
		const failure = describeChatFailure(
			{
				...call,
				statusCode: 422,
				body: {
					message: 'x',
					errors: { 'OPENDIALOG-USER-ID': ['The OPENDIALOG-USER-ID header is required.'] },
				},
			},
			'v3',
			'text "hi" for user "u"',
		);
		expect(failure.message).toBe(
			'OpenDialog rejected the message on text "hi" for user "u": OPENDIALOG-USER-ID: The OPENDIALOG-USER-ID header is required.',
		);
		expect(failure.description).toContain('User ID parameter');
	});

	test('419 asks to turn CSRF protection off', () => {
		expect(describeChatFailure({ ...call, statusCode: 419, body: '' }, 'v3').description).toContain(
			'Security Settings',
		);
	});
});

describe('Run Script checks', () => {
	test('contains ignores case; matches takes /pattern/flags; any wants some reply', () => {
		expect(checkReply('Hello THERE', 'contains', 'there').passed).toBe(true);
		expect(checkReply('Order 12', 'matches', '/order \\d+/i').passed).toBe(true);
		expect(checkReply('Order 12', 'matches', '^order').reason).toBe(
			'The reply does not match /^order/',
		);
		expect(checkReply('', 'any', '').passed).toBe(false);
	});

	test('an invalid pattern says how to write one', () => {
		expect(() => parsePattern('(')).toThrow("'Expected' is not a valid regular expression");
	});
});
