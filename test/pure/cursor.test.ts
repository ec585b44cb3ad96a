import {
	mostRecent,
	planPoll,
	selectNewInteractions,
	type PollState,
} from '../../nodes/OpenDialogTrigger/cursor';
import type { UserInteractions } from '../../nodes/shared/api/types';

const T = Date.UTC(2024, 4, 1, 12, 0, 0) / 1000;
const iso = (seconds: number) =>
	new Date(seconds * 1000).toISOString().replace('.000Z', '.000000Z');
const user = (id: string, ...times: Array<number | [number, string]>): UserInteractions => ({
	user_id: id,
	chatbot_user_data: {},
	from: '',
	to: '',
	interactions: times.map((time) => {
		const [at, text] = Array.isArray(time) ? time : [time, 'hi'];
		return { type: 'text', date: iso(at), text, data: null };
	}),
});
const texts = (users: UserInteractions[]) =>
	users.map((u) => [u.user_id, u.interactions.map((i) => i.date)]);

describe('planPoll', () => {
	test('the first poll only starts the cursor', () => {
		expect(planPoll({}, T, 60)).toBeUndefined();
	});

	test('later polls re-read the overlap before the cursor, up to now', () => {
		expect(planPoll({ cursor: T }, T + 600, 60)).toEqual({ from: T - 60, to: T + 600 });
	});
});

describe('selectNewInteractions', () => {
	test('emits everything new and moves the cursor to the end of the range', () => {
		const { users, nextState } = selectNewInteractions(
			[user('a', T + 10, T + 20)],
			{ cursor: T, seen: {} },
			{ from: T - 60, to: T + 100 },
			60,
		);
		expect(texts(users)).toEqual([['a', [iso(T + 10), iso(T + 20)]]]);
		expect(nextState.cursor).toBe(T + 100);
	});

	test('never emits an interaction twice when the overlap re-reads it, even on the range edge', () => {
		const overlap = 60;
		const first = selectNewInteractions(
			[user('a', T - 5, T)],
			{ cursor: T - 300, seen: {} },
			{ from: T - 360, to: T },
			overlap,
		);
		expect(texts(first.users)).toEqual([['a', [iso(T - 5), iso(T)]]]);
		const second = selectNewInteractions(
			[user('a', T - 5, T, T + 1)],
			first.nextState,
			{ from: T - overlap, to: T + 300 },
			overlap,
		);
		expect(texts(second.users)).toEqual([['a', [iso(T + 1)]]]);
	});

	test('emits a late arrival stored with a time inside the overlap', () => {
		const first = selectNewInteractions(
			[user('a', T - 10)],
			{ cursor: T - 300, seen: {} },
			{ from: T - 360, to: T },
			60,
		);
		// Stored after the first poll with a timestamp 30 s before it.
		const second = selectNewInteractions(
			[user('a', T - 10), user('late', T - 30)],
			first.nextState,
			{ from: T - 60, to: T + 300 },
			60,
		);
		expect(texts(second.users)).toEqual([['late', [iso(T - 30)]]]);
	});

	test('counts identical interactions in the same second instead of merging them', () => {
		const first = selectNewInteractions(
			[user('a', [T, 'yes'])],
			{ cursor: T - 60, seen: {} },
			{ from: T - 120, to: T },
			60,
		);
		const second = selectNewInteractions(
			[user('a', [T, 'yes'], [T, 'yes'])],
			first.nextState,
			{ from: T - 60, to: T + 60 },
			60,
		);
		expect(texts(second.users)).toEqual([['a', [iso(T)]]]);
	});

	test('forgets interactions older than the overlap, which the next poll cannot re-read', () => {
		const { nextState } = selectNewInteractions(
			[user('a', T - 500, T - 5)],
			{ cursor: T - 600, seen: {} },
			{ from: T - 660, to: T },
			60,
		);
		expect(Object.keys(nextState.seen ?? {})).toHaveLength(1);
	});

	test('leaves the state it was given untouched', () => {
		const state: PollState = { cursor: T, seen: {} };
		selectNewInteractions([user('a', T + 1)], state, { from: T - 60, to: T + 60 }, 60);
		expect(state).toEqual({ cursor: T, seen: {} });
	});
});

test('mostRecent puts the latest activity first and limits the sample', () => {
	const users = [user('old', T - 100), user('new', T - 1), user('mid', T - 50)];
	expect(mostRecent(users, 2).map((u) => u.user_id)).toEqual(['new', 'mid']);
});
