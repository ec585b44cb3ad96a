/**
 * What the trigger remembers between polls, and how it decides what is new. Pure: the node
 * keeps `PollState` in the workflow's static data and passes the clock in.
 *
 * OpenDialog's range is inclusive on whole seconds and interactions can be stored with a
 * timestamp slightly in the past, so each poll re-reads an overlap before the last cursor and
 * drops what it already emitted. Identical interactions in the same second are counted, not
 * merged, so a double click is still two interactions.
 */
import type { ApiInteraction, UserInteractions } from '../shared/api/types';

export interface PollState {
	/** Epoch seconds: the end of the last successful poll's range. */
	cursor?: number;
	/** Interactions inside the overlap of the last range, already emitted: key → count. */
	seen?: Record<string, number>;
}

export interface PollRange {
	from: number;
	to: number;
}

export function interactionKey(userId: string, interaction: ApiInteraction): string {
	const { type, date, text, data } = interaction;
	return JSON.stringify([userId, type, date, text ?? '', data ?? null]);
}

/** The range to fetch now, or undefined on the first poll, which only starts the cursor. */
export function planPoll(
	state: PollState,
	nowSeconds: number,
	overlapSeconds: number,
): PollRange | undefined {
	if (state.cursor === undefined) return undefined;
	return { from: Math.min(state.cursor - overlapSeconds, nowSeconds), to: nowSeconds };
}

function epochSeconds(date: string): number {
	return Math.floor(Date.parse(date) / 1000);
}

export interface NewInteractions {
	users: UserInteractions[];
	nextState: PollState;
}

/**
 * Keeps, per user, only interactions not emitted before, and computes the state for the
 * next poll: the cursor moves to `range.to` and `seen` keeps what the next overlap re-reads.
 */
export function selectNewInteractions(
	fetched: UserInteractions[],
	state: PollState,
	range: PollRange,
	overlapSeconds: number,
): NewInteractions {
	const alreadySeen = state.seen ?? {};
	const counted: Record<string, number> = {};
	const nextSeen: Record<string, number> = {};
	const overlapStart = range.to - overlapSeconds;
	const users: UserInteractions[] = [];

	for (const user of fetched) {
		const fresh: ApiInteraction[] = [];
		for (const interaction of user.interactions) {
			const key = interactionKey(user.user_id, interaction);
			counted[key] = (counted[key] ?? 0) + 1;
			if (counted[key] > (alreadySeen[key] ?? 0)) fresh.push(interaction);
			if (epochSeconds(interaction.date) >= overlapStart) nextSeen[key] = counted[key];
		}
		if (fresh.length > 0) users.push({ ...user, interactions: fresh });
	}
	return { users, nextState: { cursor: range.to, seen: nextSeen } };
}

/** For a manual test run: the users (or interactions) with the latest activity first. */
export function mostRecent(users: UserInteractions[], limit: number): UserInteractions[] {
	const latest = (user: UserInteractions) =>
		user.interactions.reduce(
			(max, interaction) => (interaction.date > max ? interaction.date : max),
			'',
		);
	return [...users]
		.sort((a, b) => (latest(a) < latest(b) ? 1 : latest(a) > latest(b) ? -1 : 0))
		.slice(0, limit);
}
