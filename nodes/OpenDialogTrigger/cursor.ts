/**
 * What the trigger remembers between polls, and how it decides what is new. Pure: the node
 * keeps `PollState` in the workflow's static data and passes the clock in.
 *
 * OpenDialog's range is inclusive on whole seconds and interactions can be stored with a
 * timestamp slightly in the past, so each poll re-reads an overlap before the last cursor and
 * drops what it already emitted. Identical interactions in the same second are counted, not
 * merged, so a double click is still two interactions.
 */
import { splitRange, type SecondsRange } from '../shared/dates/windows';
import type { ApiInteraction, UserInteractions } from '../shared/public-api/interactions';
import { fingerprint, interactionKey } from './fingerprint';

export interface PollState {
	/** Epoch seconds: the end of the last range fetched successfully. Never moves back. */
	cursor?: number;
	/** Fingerprints of interactions already emitted inside the overlap → how many. */
	seen?: Record<string, number>;
	/**
	 * Epoch seconds: `seen` holds everything emitted from here to the cursor, so no read starts
	 * earlier (state from before this field: the overlap before the cursor).
	 */
	seenFrom?: number;
}

/** An inclusive range of epoch seconds. */
export type PollRange = SecondsRange;

/**
 * The windows to fetch now, oldest first, or undefined on the first poll, which only starts
 * the cursor. The range `[cursor − overlap, now]` is cut into windows of `windowSeconds` (at
 * least the overlap, so the next poll's re-read always falls inside the last window fetched),
 * the last one taking the remainder; at most `maxWindows`, so a poll after a long outage
 * catches up step by step instead of asking for days in one request. The range never starts
 * before `seenFrom`: before it, what was emitted is no longer known (the Overlap option was
 * raised since, or it is before activation), and reading it would emit it again.
 */
export function planPoll(
	state: PollState,
	nowSeconds: number,
	overlapSeconds: number,
	windowSeconds = Infinity,
	maxWindows = Infinity,
): PollRange[] | undefined {
	if (state.cursor === undefined) return undefined;
	const overlapStart = state.cursor - overlapSeconds;
	const from = Math.min(Math.max(overlapStart, state.seenFrom ?? overlapStart), nowSeconds);
	const size = Math.max(windowSeconds, overlapSeconds, 1);
	// The remainder joins the last window rather than making a sliver after it.
	return splitRange({ from, to: nowSeconds }, size, { limit: maxWindows, joinRemainder: true });
}

/** A timezone's offset from UTC is at most 14 hours. */
const MAX_ZONE_OFFSET_SECONDS = 14 * 3600;

/** Epoch seconds of an interaction's date; dates without a zone are UTC, as OpenDialog's are. */
export function interactionSeconds(date: unknown): number | undefined {
	if (typeof date !== 'string' || date.trim() === '') return undefined;
	const text = date.trim().replace(' ', 'T');
	const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`;
	const ms = Date.parse(zoned);
	return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/**
 * How far a user's dates are from the range as it was asked for. OpenDialog reads the range as
 * UTC, but a self-hosted workspace in another timezone may write dates without a zone in its own
 * time. With each user it echoes the range it applied, written the same way as the dates: read
 * like them, its end says how to place the dates in the range asked for. Zero when the echo is
 * missing or unreadable, or off by more than a timezone can be.
 */
export function serverDateShift(user: UserInteractions, range: PollRange): number {
	const echoedTo = interactionSeconds(user.to);
	if (echoedTo === undefined) return 0;
	const shift = echoedTo - range.to;
	return Math.abs(shift) <= MAX_ZONE_OFFSET_SECONDS ? shift : 0;
}

export interface NewInteractions {
	users: UserInteractions[];
	nextState: PollState;
}

/**
 * Keeps, per user, only interactions not emitted before, and computes the state after this
 * range: the cursor moves to `range.to` (never back), and `seen` keeps what the next overlap
 * re-reads — plus anything without a readable date, which no range can place. A date is placed
 * in the range as OpenDialog placed it (see serverDateShift), so nothing leaves `seen` while
 * the next read can still return it.
 */
export function selectNewInteractions(
	fetched: UserInteractions[],
	state: PollState,
	range: PollRange,
	overlapSeconds: number,
): NewInteractions {
	const alreadySeen = state.seen ?? {};
	const counted: Record<string, number> = {};
	const overlapStart = range.to - overlapSeconds;
	const users: UserInteractions[] = [];
	// A range behind the cursor (a poll that overlapped a later one) adds to what is known.
	const behind = state.cursor !== undefined && state.cursor > range.to;
	const nextSeen: Record<string, number> = behind ? { ...alreadySeen } : {};

	for (const user of fetched) {
		const fresh: ApiInteraction[] = [];
		const shift = serverDateShift(user, range);
		for (const interaction of user.interactions) {
			const key = fingerprint(interactionKey(user.user_id, interaction));
			counted[key] = (counted[key] ?? 0) + 1;
			if (counted[key] > (alreadySeen[key] ?? 0)) fresh.push(interaction);
			const seconds = interactionSeconds(interaction.date);
			if (seconds === undefined || seconds - shift >= overlapStart) {
				nextSeen[key] = Math.max(nextSeen[key] ?? 0, counted[key]);
			}
		}
		if (fresh.length > 0) users.push({ ...user, interactions: fresh });
	}
	if (behind) return { users, nextState: { ...state, seen: nextSeen } };
	const seenFrom = Math.max(range.from, overlapStart);
	return { users, nextState: { cursor: range.to, seen: nextSeen, seenFrom } };
}

/** One record per user across several windows, interactions in window order. */
export function mergeUsers(batches: UserInteractions[][]): UserInteractions[] {
	const byUser = new Map<string, UserInteractions>();
	for (const batch of batches) {
		for (const user of batch) {
			const existing = byUser.get(user.user_id);
			if (!existing) byUser.set(user.user_id, { ...user, interactions: [...user.interactions] });
			else {
				existing.chatbot_user_data = user.chatbot_user_data;
				existing.to = user.to;
				// A loop, not push(...): a busy user's list would overflow the call stack.
				for (const interaction of user.interactions) existing.interactions.push(interaction);
			}
		}
	}
	return [...byUser.values()];
}

/** For a manual test run: the users with the latest activity first. */
export function mostRecent(users: UserInteractions[], limit: number): UserInteractions[] {
	const latest = (user: UserInteractions) =>
		user.interactions.reduce(
			(max, interaction) => (String(interaction.date) > max ? String(interaction.date) : max),
			'',
		);
	return [...users]
		.sort((a, b) => (latest(a) < latest(b) ? 1 : latest(a) > latest(b) ? -1 : 0))
		.slice(0, limit);
}

/**
 * The ranges a manual test run reads, newest first: a short one, widened step by step only
 * while the sample is not full, so a busy workspace is never asked for a whole day.
 */
export function sampleRanges(nowSeconds: number, stepsSeconds: number[]): PollRange[] {
	const ranges: PollRange[] = [];
	let to = nowSeconds;
	for (const step of stepsSeconds) {
		const from = nowSeconds - step;
		if (from > to) continue;
		ranges.push({ from, to });
		to = from - 1;
	}
	return ranges;
}
