import {
	interactionSeconds,
	mergeUsers,
	mostRecent,
	planPoll,
	sampleRanges,
	selectNewInteractions,
	serverDateShift,
	type PollRange,
	type PollState,
} from '../../nodes/OpenDialogTrigger/cursor';
import type { UserInteractions } from '../../nodes/shared/public-api/interactions';

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
		expect(planPoll({ cursor: T }, T + 600, 60)).toEqual([{ from: T - 60, to: T + 600 }]);
	});

	test('after an outage, catches up in bounded windows that end one second before the next starts', () => {
		const windows = planPoll({ cursor: T }, T + 10 * 3600, 300, 3600, 24)!;
		expect(windows[0]).toEqual({ from: T - 300, to: T - 300 + 3599 });
		expect(windows[1].from).toBe(windows[0].to + 1);
		expect(windows.at(-1)!.to).toBe(T + 10 * 3600);
		expect(windows.every((w) => w.to - w.from + 1 <= 2 * 3600)).toBe(true);
		for (let i = 1; i < windows.length; i++) expect(windows[i].from).toBe(windows[i - 1].to + 1);
	});

	test('stops after the window limit, so one poll never asks for days', () => {
		const windows = planPoll({ cursor: T }, T + 30 * 86_400, 300, 3600, 24)!;
		expect(windows).toHaveLength(24);
		expect(windows.at(-1)!.to).toBe(T - 300 + 24 * 3600 - 1);
	});

	test('never starts before what the state covers, so a raised Overlap reads nothing emitted twice', () => {
		expect(planPoll({ cursor: T, seenFrom: T - 300 }, T + 60, 3600)).toEqual([
			{ from: T - 300, to: T + 60 },
		]);
		// A lowered Overlap reads less than the state covers, which is fine.
		expect(planPoll({ cursor: T, seenFrom: T - 300 }, T + 60, 60)).toEqual([
			{ from: T - 60, to: T + 60 },
		]);
	});

	test('the last window fetched always holds the next overlap (windows are at least the overlap long)', () => {
		const windows = planPoll({ cursor: T }, T + 1000, 600, 60, 24)!;
		expect(windows.every((w) => w.to - w.from + 1 >= 600)).toBe(true);
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

	test('a late poll over an older range never moves the cursor back nor forgets what was seen', () => {
		const later = selectNewInteractions(
			[user('a', T + 50)],
			{ cursor: T, seen: {} },
			{ from: T - 60, to: T + 100 },
			60,
		);
		// A slow poll that started earlier finishes now, over [T - 60, T + 60].
		const late = selectNewInteractions(
			[user('a', T + 50)],
			later.nextState,
			{ from: T - 60, to: T + 60 },
			60,
		);
		expect(late.users).toEqual([]);
		expect(late.nextState.cursor).toBe(T + 100);
		const after = selectNewInteractions(
			[user('a', T + 50)],
			late.nextState,
			{ from: T + 40, to: T + 160 },
			60,
		);
		expect(after.users).toEqual([]);
	});

	test('an interaction without a readable date is emitted once, not on every poll', () => {
		const undated = (date: unknown): UserInteractions => ({
			user_id: 'u',
			chatbot_user_data: {},
			from: '',
			to: '',
			interactions: [{ type: 'text', date: date as string, text: 'when?', data: null }],
		});
		for (const date of [null, '', 'not a date']) {
			const first = selectNewInteractions(
				[undated(date)],
				{ cursor: T, seen: {} },
				{ from: T - 60, to: T + 60 },
				60,
			);
			expect(first.users).toHaveLength(1);
			const second = selectNewInteractions(
				[undated(date)],
				first.nextState,
				{ from: T, to: T + 120 },
				60,
			);
			expect(second.users).toEqual([]);
		}
	});

	test('keeps a small fingerprint per interaction, however long the message', () => {
		const long = {
			type: 'text',
			date: iso(T),
			text: 'x'.repeat(5000),
			data: { big: 'y'.repeat(5000) },
		};
		const { nextState } = selectNewInteractions(
			[{ user_id: 'a', chatbot_user_data: {}, from: '', to: '', interactions: [long] }],
			{ cursor: T - 60, seen: {} },
			{ from: T - 60, to: T },
			60,
		);
		expect(JSON.stringify(nextState.seen).length).toBeLessThan(30);
	});

	test('records from when on it knows everything emitted: the range start or the overlap, the later', () => {
		const overlapInside = selectNewInteractions([], { cursor: T }, { from: T - 600, to: T }, 60);
		expect(overlapInside.nextState.seenFrom).toBe(T - 60);
		const shortRange = selectNewInteractions([], { cursor: T }, { from: T - 30, to: T }, 60);
		expect(shortRange.nextState.seenFrom).toBe(T - 30);
	});

	test('leaves the state it was given untouched', () => {
		const state: PollState = { cursor: T, seen: {} };
		selectNewInteractions([user('a', T + 1)], state, { from: T - 60, to: T + 60 }, 60);
		expect(state).toEqual({ cursor: T, seen: {} });
	});
});

/** What OpenDialog answers for a range: each user with their interactions inside it. */
function answer(
	all: Array<{ id: string; at: number; text: string }>,
	range: PollRange,
	writeDate: (seconds: number) => string = iso,
): UserInteractions[] {
	const byUser = new Map<string, UserInteractions>();
	for (const { id, at, text } of all) {
		if (at < range.from || at > range.to) continue;
		const record: UserInteractions = byUser.get(id) ?? {
			user_id: id,
			chatbot_user_data: {},
			from: writeDate(range.from),
			to: writeDate(range.to),
			interactions: [],
		};
		record.interactions.push({ type: 'text', date: writeDate(at), text, data: null });
		byUser.set(id, record);
	}
	return [...byUser.values()];
}

/** Polls as the trigger does: plan the windows, read each, keep what is new. */
function pollAt(
	state: PollState,
	now: number,
	overlap: number,
	read: (range: PollRange) => UserInteractions[],
) {
	const emitted: UserInteractions[][] = [];
	for (const range of planPoll(state, now, overlap)!) {
		const selected = selectNewInteractions(read(range), state, range, overlap);
		Object.assign(state, selected.nextState);
		emitted.push(selected.users);
	}
	return mergeUsers(emitted);
}

test('raising the Overlap option between two polls emits nothing twice', () => {
	const stored = [{ id: 'a', at: T - 1000, text: 'said 1,000 s before the poll' }];
	const read = (range: PollRange) => answer(stored, range);
	const state: PollState = { cursor: T - 1200, seen: {} };
	expect(texts(pollAt(state, T, 300, read))).toEqual([['a', [iso(T - 1000)]]]);
	expect(pollAt(state, T + 60, 3600, read)).toEqual([]);
	expect(pollAt(state, T + 120, 3600, read)).toEqual([]);
});

describe('a self-hosted workspace that writes dates without a zone in its own time (UTC−5)', () => {
	const offset = -5 * 3600;
	const zoneless = (seconds: number) =>
		new Date((seconds + offset) * 1000).toISOString().slice(0, 19).replace('T', ' ');

	test('an interaction inside the overlap stays known while the next poll re-reads it', () => {
		const stored = [{ id: 'a', at: T - 10, text: 'hello' }];
		const read = (range: PollRange) => answer(stored, range, zoneless);
		const state: PollState = { cursor: T - 300, seen: {} };
		expect(texts(pollAt(state, T, 60, read))).toEqual([['a', [zoneless(T - 10)]]]);
		expect(pollAt(state, T + 30, 60, read)).toEqual([]);
		expect(pollAt(state, T + 60, 60, read)).toEqual([]);
	});

	test('serverDateShift reads the echoed range like the dates, and ignores an echo no timezone explains', () => {
		const range = { from: T - 60, to: T };
		expect(serverDateShift(answer([{ id: 'a', at: T, text: '' }], range, zoneless)[0], range)).toBe(
			offset,
		);
		expect(serverDateShift(answer([{ id: 'a', at: T, text: '' }], range)[0], range)).toBe(0);
		expect(serverDateShift({ ...user('a', T), to: '2001-01-01 00:00:00' }, range)).toBe(0);
		expect(serverDateShift({ ...user('a', T), to: '' }, range)).toBe(0);
	});
});

test('mostRecent puts the latest activity first and limits the sample', () => {
	const users = [user('old', T - 100), user('new', T - 1), user('mid', T - 50)];
	expect(mostRecent(users, 2).map((u) => u.user_id)).toEqual(['new', 'mid']);
});

test('interactionSeconds reads dates without a zone as UTC, whatever the host timezone', () => {
	expect(interactionSeconds('2024-05-01 12:00:00')).toBe(T);
	expect(interactionSeconds('2024-05-01T12:00:00')).toBe(T);
	expect(interactionSeconds('2024-05-01T12:00:00.000000Z')).toBe(T);
	expect(interactionSeconds('2024-05-01T14:00:00+02:00')).toBe(T);
	expect(interactionSeconds(null)).toBeUndefined();
	expect(interactionSeconds('soon')).toBeUndefined();
});

test('mergeUsers joins a user seen in several windows into one record, in window order', () => {
	const merged = mergeUsers([[user('a', T), user('b', T + 1)], [user('a', T + 3600)]]);
	expect(texts(merged)).toEqual([
		['a', [iso(T), iso(T + 3600)]],
		['b', [iso(T + 1)]],
	]);
});

test('sampleRanges widens backwards from now without reading any second twice', () => {
	expect(sampleRanges(T, [900, 7200, 86_400])).toEqual([
		{ from: T - 900, to: T },
		{ from: T - 7200, to: T - 901 },
		{ from: T - 86_400, to: T - 7201 },
	]);
});
