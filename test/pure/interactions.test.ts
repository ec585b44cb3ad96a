import {
	assertInteractionsResponse,
	groupInteractionsByUser,
	toInteractionItems,
	type InteractionsResponse,
} from '../../nodes/shared/public-api/interactions';

const interaction = (date: string, text = '') => ({ type: 'text', date, text, data: null });

function response(users: Record<string, { name?: string; dates: string[] }>): InteractionsResponse {
	return {
		data: Object.entries(users).map(([id, user]) => ({
			[id]: {
				chatbot_user_data: { first_name: user.name ?? '' },
				from: '2024-05-01T00:00:00.000000Z',
				to: '2024-05-01T23:59:59.000000Z',
				interactions: user.dates.map((date) => interaction(date, `${id}@${date}`)),
			},
		})),
	};
}

describe('groupInteractionsByUser', () => {
	test('lifts each user id into its record, keeping the API fields', () => {
		const users = groupInteractionsByUser(
			[response({ a: { name: 'Ann', dates: ['2024-05-01T08:00:00.000000Z'] } })],
			{
				sortByDate: false,
			},
		);
		expect(users).toEqual([
			{
				user_id: 'a',
				chatbot_user_data: { first_name: 'Ann' },
				from: '2024-05-01T00:00:00.000000Z',
				to: '2024-05-01T23:59:59.000000Z',
				interactions: [interaction('2024-05-01T08:00:00.000000Z', 'a@2024-05-01T08:00:00.000000Z')],
			},
		]);
	});

	test('merges a user seen in several windows into one record, in window order', () => {
		const first = response({
			a: { dates: ['2024-05-01T01:00:00.000000Z'] },
			b: { dates: ['2024-05-01T02:00:00.000000Z'] },
		});
		const second = response({ a: { name: 'Ann', dates: ['2024-05-02T01:00:00.000000Z'] } });
		const users = groupInteractionsByUser([first, second], {
			sortByDate: false,
			range: { from: 'F', to: 'T' },
		});
		expect(users.map((user) => user.user_id)).toEqual(['a', 'b']);
		expect(users[0].interactions.map((i) => i.date)).toEqual([
			'2024-05-01T01:00:00.000000Z',
			'2024-05-02T01:00:00.000000Z',
		]);
		expect(users[0].chatbot_user_data).toEqual({ first_name: 'Ann' });
		expect([users[0].from, users[0].to]).toEqual(['F', 'T']);
	});

	test('does not change the responses it merges', () => {
		const first = response({ a: { dates: ['2024-05-01T01:00:00.000000Z'] } });
		const second = response({ a: { dates: ['2024-05-02T01:00:00.000000Z'] } });
		groupInteractionsByUser([first, second], { sortByDate: false });
		expect(first.data[0].a.interactions).toHaveLength(1);
	});

	test('sorts interactions by date when asked, keeping same-second ones in API order', () => {
		const body = response({
			a: {
				dates: [
					'2024-05-01T09:00:00.000000Z',
					'2024-05-01T08:00:00.000000Z',
					'2024-05-01T09:00:00.000000Z',
				],
			},
		});
		body.data[0].a.interactions[2].text = 'second at nine';
		const [sorted] = groupInteractionsByUser([body], { sortByDate: true });
		expect(sorted.interactions.map((i) => i.text)).toEqual([
			'a@2024-05-01T08:00:00.000000Z',
			'a@2024-05-01T09:00:00.000000Z',
			'second at nine',
		]);
	});

	test('keeps API order when sorting is off', () => {
		const body = response({
			a: { dates: ['2024-05-01T09:00:00.000000Z', '2024-05-01T08:00:00.000000Z'] },
		});
		const [user] = groupInteractionsByUser([body], { sortByDate: false });
		expect(user.interactions.map((i) => i.date)).toEqual([
			'2024-05-01T09:00:00.000000Z',
			'2024-05-01T08:00:00.000000Z',
		]);
	});

	test('tolerates a user record without interactions', () => {
		const body = {
			data: [{ a: { chatbot_user_data: {}, from: '', to: '' } }],
		} as unknown as InteractionsResponse;
		expect(groupInteractionsByUser([body], { sortByDate: true })[0].interactions).toEqual([]);
	});

	test('reads interactions PHP encoded as an object with holes as a list in key order', () => {
		const body = {
			data: [
				{
					a: {
						chatbot_user_data: {},
						from: '',
						to: '',
						interactions: {
							'4': interaction('d3', 'third'),
							'0': interaction('d1', 'first'),
							'2': interaction('d2', 'second'),
						},
					},
				},
			],
		} as unknown as InteractionsResponse;
		const [user] = groupInteractionsByUser([body], { sortByDate: false });
		expect(user.interactions.map((i) => i.text)).toEqual(['first', 'second', 'third']);
	});

	test('fails naming the user when interactions are neither a list nor an object', () => {
		const body = {
			data: [{ a: { chatbot_user_data: {}, from: '', to: '', interactions: 'none' } }],
		} as unknown as InteractionsResponse;
		expect(() => groupInteractionsByUser([body], { sortByDate: true })).toThrow(
			/"interactions" of user a as string, not a list/,
		);
	});
});

test('toInteractionItems gives one record per interaction with its user id', () => {
	const users = groupInteractionsByUser(
		[response({ a: { dates: ['d1', 'd2'] }, b: { dates: ['d3'] } })],
		{ sortByDate: false },
	);
	expect(toInteractionItems(users)).toEqual([
		{ user_id: 'a', ...interaction('d1', 'a@d1') },
		{ user_id: 'a', ...interaction('d2', 'a@d2') },
		{ user_id: 'b', ...interaction('d3', 'b@d3') },
	]);
});

describe('assertInteractionsResponse', () => {
	test('accepts the documented shape', () => {
		expect(() => assertInteractionsResponse({ data: [] })).not.toThrow();
	});

	test.each([['<html>login</html>'], [{}], [{ data: {} }], [null], [[]]])('rejects %p', (body) => {
		expect(() => assertInteractionsResponse(body)).toThrow(/"data" list/);
	});
});
