/**
 * OpenDialog's Interaction API: its answer's shapes, how it is fetched window by window, and
 * how its answers become one record per user or per interaction.
 */
import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import { toApiDate } from '../dates/dates';
import type { DateWindow } from '../dates/windows';
import type { JsonValue } from '../json/json';
import { parseDataStream } from '../transport/data-stream';
import { sendRequest } from '../transport/request';
import type { PublicApiConnection } from './connection';
import { endpointRequest } from './endpoints';

/** Free-form user data OpenDialog keeps per chatbot user. */
export type ChatbotUserData = Record<string, JsonValue>;

export interface ApiInteraction {
	/** An open set of values (`text`, `button_response`, `webchat_text`, …). */
	type: string;
	date: string;
	text?: string;
	data?: Record<string, JsonValue> | null;
	[key: string]: JsonValue;
}

export interface ApiUserRecord {
	chatbot_user_data: ChatbotUserData;
	from: string;
	to: string;
	interactions: ApiInteraction[];
	[key: string]: JsonValue;
}

/** Each element of `data` holds exactly one key: the user id. */
export interface InteractionsResponse {
	data: Array<Record<string, ApiUserRecord>>;
}

/** One user's interactions with the user id lifted into the record. */
export interface UserInteractions extends ApiUserRecord {
	user_id: string;
}

/** Fetches each window in turn (in order, so a tenant's rate limit sees one request at a time). */
export async function fetchInteractionWindows(
	context: IExecuteFunctions | IPollFunctions,
	connection: PublicApiConnection,
	windows: DateWindow[],
	filters: Record<string, string>,
	itemIndex?: number,
): Promise<InteractionsResponse[]> {
	const responses: InteractionsResponse[] = [];
	for (const window of windows) {
		const request = endpointRequest(connection.apiVersion, 'userInteractions', {
			method: 'GET',
			qs: { from: toApiDate(window.from), to: toApiDate(window.to), ...filters },
			itemIndex,
			// Streamed: a busy workspace's answer can be hundreds of megabytes.
			parseStream: parseDataStream,
			stalledHint: 'A long range of interactions is lighter fetched in shorter windows.',
		});
		const body = await sendRequest<unknown>(context, connection, request);
		assertInteractionsResponse(body);
		responses.push(body);
	}
	return responses;
}

export interface GroupOptions {
	/** Interactions come in database order; chronological is what people expect to read. */
	sortByDate: boolean;
	/** The whole requested range, echoed as `from`/`to` when several windows were merged. */
	range?: { from: string; to: string };
}

export type InteractionItem = ApiInteraction & { user_id: string };

/** Checks the body is the documented `{ data: [...] }` before anything is built from it. */
export function assertInteractionsResponse(body: unknown): asserts body is InteractionsResponse {
	const data = (body as { data?: unknown } | null)?.data;
	if (!Array.isArray(data)) {
		throw new Error(
			'OpenDialog answered without the expected "data" list of users; check the Base URL and API Version of the credential',
		);
	}
}

/**
 * Turns one or more Interaction API responses (one per date window) into one record per user,
 * with the user id lifted into it. A user seen in several windows becomes one record whose
 * interactions are those of every window, in window order.
 */
export function groupInteractionsByUser(
	responses: InteractionsResponse[],
	options: GroupOptions,
): UserInteractions[] {
	const merged = responses.length > 1;
	const byUser = new Map<string, UserInteractions>();
	for (const response of responses) {
		for (const entry of response.data) {
			for (const userId of Object.keys(entry ?? {})) {
				addUser(byUser, userId, entry[userId], merged);
			}
		}
	}

	const users = [...byUser.values()];
	for (const user of users) {
		if (merged && options.range) {
			user.from = options.range.from;
			user.to = options.range.to;
		}
		if (options.sortByDate) sortByDate(user.interactions);
	}
	return users;
}

function addUser(
	byUser: Map<string, UserInteractions>,
	userId: string,
	record: ApiUserRecord | undefined,
	copyInteractions: boolean,
): void {
	const interactions = readInteractionList(record?.interactions, userId);
	const existing = byUser.get(userId);
	if (!existing) {
		byUser.set(userId, {
			user_id: userId,
			...record,
			chatbot_user_data: record?.chatbot_user_data ?? {},
			from: record?.from ?? '',
			to: record?.to ?? '',
			// Copied only when later windows will append to it, so the response stays untouched.
			interactions: copyInteractions ? interactions.slice() : interactions,
		});
		return;
	}
	// The latest window holds the user's most recent profile.
	if (record?.chatbot_user_data) existing.chatbot_user_data = record.chatbot_user_data;
	for (const interaction of interactions) existing.interactions.push(interaction);
}

/**
 * PHP encodes an array that lost keys (a filtered collection not re-indexed) as an object,
 * `{"0": …, "2": …}`; its values in key order are the list. Anything else that is not a list
 * fails rather than silently losing the user's interactions.
 */
function readInteractionList(value: unknown, userId: string): ApiInteraction[] {
	if (Array.isArray(value)) return value as ApiInteraction[];
	if (value === undefined || value === null) return [];
	if (typeof value === 'object') return Object.values(value) as ApiInteraction[];
	throw new Error(
		`OpenDialog answered with "interactions" of user ${userId} as ${typeof value}, not a list; check the Base URL points to an OpenDialog workspace`,
	);
}

/**
 * Stable, so interactions of the same second keep OpenDialog's order. Storage order is nearly
 * always date order already, so a linear check skips most sorts.
 */
function sortByDate(interactions: ApiInteraction[]): void {
	const dateOf = (interaction: ApiInteraction) => String(interaction?.date ?? '');
	let sorted = true;
	for (let i = 1; i < interactions.length && sorted; i++) {
		sorted = dateOf(interactions[i - 1]) <= dateOf(interactions[i]);
	}
	if (sorted) return;
	interactions.sort((a, b) => {
		const left = dateOf(a);
		const right = dateOf(b);
		return left < right ? -1 : left > right ? 1 : 0;
	});
}

/** One record per interaction, carrying the user id. */
export function toInteractionItems(users: UserInteractions[]): InteractionItem[] {
	const items: InteractionItem[] = [];
	for (const user of users) {
		for (const interaction of user.interactions) {
			items.push({ user_id: user.user_id, ...interaction });
		}
	}
	return items;
}
