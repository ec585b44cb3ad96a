import type { IPollFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import {
	fetchInteractionWindows,
	groupInteractionsByUser,
	type UserInteractions,
} from '../shared/public-api/interactions';
import { toNodeError } from '../shared/errors/item-errors';
import type { PublicApiConnection } from '../shared/public-api/connection';
import {
	mergeUsers,
	mostRecent,
	planPoll,
	sampleRanges,
	selectNewInteractions,
	type PollRange,
	type PollState,
} from './cursor';

/** A manual test run reads 15 minutes, then an hour and a half more, then the rest of the day. */
const SAMPLE_STEPS_SECONDS = [900, 7_200, 86_400];
const SAMPLE_USERS = 10;

/** After an outage a poll catches up at most this many windows; the next poll goes on. */
export const MAX_WINDOWS_PER_POLL = 24;

export interface PollSettings {
	connection: PublicApiConnection;
	filters: Record<string, string>;
	overlapSeconds: number;
	windowSeconds: number;
}

/**
 * Polls of one trigger node running now in this n8n process. n8n's scheduler does not wait
 * for a slow poll (a rate-limit retry, a timeout) before starting the next; a second poll
 * over the same range would emit the same interactions, so it is skipped.
 */
const pollsInFlight = new Set<string>();

async function fetchRange(
	context: IPollFunctions,
	settings: PollSettings,
	range: PollRange,
): Promise<UserInteractions[]> {
	const window = {
		from: DateTime.fromSeconds(range.from, { zone: 'utc' }),
		to: DateTime.fromSeconds(range.to, { zone: 'utc' }),
	};
	const responses = await fetchInteractionWindows(
		context,
		settings.connection,
		[window],
		settings.filters,
	);
	return groupInteractionsByUser(responses, { sortByDate: true });
}

/** Recent activity to map fields from, without touching the cursor. */
export async function samplePoll(
	context: IPollFunctions,
	settings: PollSettings,
	nowSeconds: number,
): Promise<UserInteractions[]> {
	const batches: UserInteractions[][] = [];
	let found = 0;
	for (const range of sampleRanges(nowSeconds, SAMPLE_STEPS_SECONDS)) {
		const users = await fetchRange(context, settings, range);
		batches.push(users);
		found += users.length;
		if (found >= SAMPLE_USERS) break;
	}
	return mostRecent(mergeUsers(batches), SAMPLE_USERS);
}

/**
 * First activation: what users said before it is history, never emitted. The overlap before
 * now is read once and remembered as already seen, so a later poll re-reading it emits only
 * what arrives after activation, even with an earlier time.
 */
async function startCursor(
	context: IPollFunctions,
	settings: PollSettings,
	state: PollState,
	nowSeconds: number,
): Promise<void> {
	const range = { from: nowSeconds - settings.overlapSeconds, to: nowSeconds };
	let fetched: UserInteractions[];
	try {
		fetched = await fetchRange(context, settings, range);
	} catch (error) {
		throw toNodeError(context.getNode(), error);
	}
	Object.assign(
		state,
		selectNewInteractions(fetched, {}, range, settings.overlapSeconds).nextState,
	);
}

/**
 * Fetches what is new since the cursor, window by window, moving the cursor after each
 * window. A failure in the first window throws with the cursor untouched; a failure after
 * some windows keeps what they brought (the cursor stays at the last good window) and the
 * next poll goes on from there.
 */
export async function catchUpPoll(
	context: IPollFunctions,
	settings: PollSettings,
	nowSeconds: number,
): Promise<UserInteractions[]> {
	const state = context.getWorkflowStaticData('node') as PollState;
	const lock = `${context.getWorkflow().id}:${context.getNode().id}`;
	if (pollsInFlight.has(lock)) {
		context.logger.info(
			'OpenDialog Trigger: the previous poll is still running; skipping this one',
		);
		return [];
	}
	pollsInFlight.add(lock);
	try {
		const windows = planPoll(
			state,
			nowSeconds,
			settings.overlapSeconds,
			settings.windowSeconds,
			MAX_WINDOWS_PER_POLL,
		);
		if (!windows) {
			await startCursor(context, settings, state, nowSeconds);
			return [];
		}
		const batches: UserInteractions[][] = [];
		for (const [index, window] of windows.entries()) {
			let fetched: UserInteractions[];
			try {
				fetched = await fetchRange(context, settings, window);
			} catch (error) {
				if (index === 0) throw toNodeError(context.getNode(), error);
				context.logger.warn(
					`OpenDialog Trigger: catching up stopped at ${new Date(window.from * 1000).toISOString()}; the next poll goes on from there (${(error as Error).message})`,
				);
				break;
			}
			// Read from the shared state object each time, so nothing written meanwhile is undone.
			const selected = selectNewInteractions(fetched, state, window, settings.overlapSeconds);
			Object.assign(state, selected.nextState);
			batches.push(selected.users);
		}
		return mergeUsers(batches);
	} finally {
		pollsInFlight.delete(lock);
	}
}
