import {
	readOutputShape,
	shapeOutput,
	type OutputShape,
} from '../../nodes/OpenDialogGetInteractions/output';
import {
	SIMPLIFIED_MESSAGES,
	SIMPLIFIED_TEXT_CHARS,
	simplifyUser,
} from '../../nodes/OpenDialogGetInteractions/simplify';
import { toToolResult } from '../../nodes/OpenDialogGetInteractions/tool-output';
import type { UserInteractions } from '../../nodes/shared/public-api/interactions';
import { InputError } from '../../nodes/shared/errors/input-error';

function user(userId: string, texts: string[], profile: Record<string, unknown> = {}) {
	return {
		user_id: userId,
		chatbot_user_data: profile,
		from: '2024-05-01T00:00:00.000000Z',
		to: '2024-05-01T23:59:59.000000Z',
		interactions: texts.map((text, index) => ({
			type: 'text',
			date: `2024-05-01T10:00:${String(index).padStart(2, '0')}.000000Z`,
			text,
			data: null,
		})),
	} as UserInteractions;
}

const QUERY = {
	range: { from: '2024-05-01T00:00:00.000000Z', to: '2024-05-01T23:59:59.000000Z' },
	filters: {},
};

describe('simplifyUser', () => {
	test('keeps the id, the name and email when known, and the newest messages as dated text', () => {
		const texts = Array.from({ length: 15 }, (_, index) => `message ${index}`);
		const simple = simplifyUser(
			user('ann', texts, {
				first_name: 'Ann',
				last_name: 'Lee',
				email: 'ann@example.com',
				os: 'iOS',
			}),
		);
		expect(simple).toEqual({
			user_id: 'ann',
			name: 'Ann Lee',
			email: 'ann@example.com',
			message_count: 15,
			last_messages: texts.slice(-SIMPLIFIED_MESSAGES).map((text) => ({
				date: expect.stringMatching(/^2024-05-01T10:00:\d\d/),
				text,
			})),
		});
		expect(simple.last_messages.at(-1)).toEqual({
			date: '2024-05-01T10:00:14.000000Z',
			text: 'message 14',
		});
	});

	test('leaves out a name and email OpenDialog does not know', () => {
		expect(simplifyUser(user('anon', ['hi'], { first_name: '', email: null }))).toEqual({
			user_id: 'anon',
			message_count: 1,
			last_messages: [{ date: '2024-05-01T10:00:00.000000Z', text: 'hi' }],
		});
	});

	test('reads a button press as the value it sent, and names what has no text at all', () => {
		const record = user('ben', []);
		record.interactions = [
			{ type: 'button_response', date: 'd1', text: '', data: { value: 'yes' } },
			{ type: 'chat_open', date: 'd2', text: '', data: null },
		];
		expect(simplifyUser(record).last_messages).toEqual([
			{ date: 'd1', text: 'yes' },
			{ date: 'd2', text: '(chat_open)' },
		]);
	});

	test('cuts long messages to a bounded length', () => {
		const [message] = simplifyUser(user('long', ['x'.repeat(10_000)])).last_messages;
		expect(message.text).toHaveLength(SIMPLIFIED_TEXT_CHARS);
		expect(message.text.endsWith('…')).toBe(true);
	});
});

describe('readOutputShape', () => {
	const input = { outputMode: 'perUser', returnAll: false, limit: 50, simplify: false };

	test('Return All ignores the limit; otherwise the limit counts users', () => {
		expect(readOutputShape({ ...input, returnAll: true })).toEqual({
			perInteraction: false,
			simplify: false,
		});
		expect(readOutputShape({ ...input, limit: '7' }).limit).toBe(7);
	});

	test('refuses a limit that is not a whole number of users, saying how to fix it', () => {
		for (const limit of [0, -3, 2.5, 'many', null]) {
			expect(() => readOutputShape({ ...input, limit })).toThrow(InputError);
		}
		try {
			readOutputShape({ ...input, limit: 0 });
		} catch (error) {
			expect((error as InputError).description).toMatch(/Return All/);
		}
	});

	test('simplifies per user output only', () => {
		expect(readOutputShape({ ...input, simplify: true }).simplify).toBe(true);
		expect(
			readOutputShape({ ...input, simplify: true, outputMode: 'perInteraction' }).simplify,
		).toBe(false);
	});
});

describe('shapeOutput', () => {
	const users = ['a', 'b', 'c'].map((id) => user(id, ['one', 'two']));

	test('limits users, also when each interaction is an item', () => {
		const shape: OutputShape = { perInteraction: true, simplify: false, limit: 2 };
		const shaped = shapeOutput(users, shape);
		expect(shaped.records.map((record) => record.user_id)).toEqual(['a', 'a', 'b', 'b']);
		expect(shaped).toMatchObject({ totalUsers: 3, shownUsers: 2 });
	});

	test('outputs every user in full without a limit', () => {
		const shaped = shapeOutput(users, { perInteraction: false, simplify: false });
		expect(shaped.records).toEqual(users);
	});
});

describe('toToolResult', () => {
	test('says explicitly that nothing matched, naming the filters and the range', () => {
		const result = toToolResult(
			{ records: [], totalUsers: 0, shownUsers: 0 },
			{ ...QUERY, filters: { user_id: 'ann' } },
		);
		expect(result).toEqual([
			{
				result:
					'No interactions found for user_id "ann" between 2024-05-01 00:00:00 UTC and 2024-05-01 23:59:59 UTC.',
				hint: expect.stringMatching(/Widen the date range/),
			},
		]);
	});

	test('adds a note when the limit left users out, and nothing when it did not', () => {
		const records = [{ user_id: 'a' }];
		expect(toToolResult({ records, totalUsers: 1, shownUsers: 1 }, QUERY)).toEqual(records);
		expect(toToolResult({ records, totalUsers: 9, shownUsers: 1 }, QUERY)).toEqual([
			{ user_id: 'a' },
			{ note: expect.stringMatching(/^Showing the first 1 of 9 users\./) },
		]);
	});
});
