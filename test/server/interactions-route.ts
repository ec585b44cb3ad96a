import type { IncomingMessage, ServerResponse } from 'node:http';

import type { TenantStore, UserInRange } from './tenant';
import { sendJson } from './laravel';

export const PUBLIC_FILTERS = [
	'user_id',
	'selected_scenario',
	'email',
	'country',
	'browser',
	'browser_language',
	'os',
	'ip_address',
	'timezone',
	'platform',
];

/** Parses a date the way PHP's Carbon would for the documented formats; reads it as UTC. */
export function parseServerDate(text: string): number | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(trimmed);
	const iso = trimmed.replace(' ', 'T');
	const ms = Date.parse(hasZone ? iso : `${iso}${/T/.test(iso) ? '' : 'T00:00:00'}Z`);
	return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

export function echoDate(seconds: number): string {
	return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '.000000Z');
}

function matchesFilters(user: UserInRange, filters: Record<string, string>): boolean {
	for (const [name, wanted] of Object.entries(filters)) {
		const custom = (user.userData.custom ?? {}) as Record<string, unknown>;
		const actual =
			name === 'user_id'
				? user.userId
				: name === 'selected_scenario'
					? custom.selected_scenario
					: user.userData[name];
		// LIKE %value%, case-insensitive
		if (
			!String(actual ?? '')
				.toLowerCase()
				.includes(wanted.toLowerCase())
		)
			return false;
	}
	return true;
}

export interface InteractionsQuery {
	from: number;
	to: number;
	filters: Record<string, string>;
}

/** Validates the query; returns Laravel-style field errors or the parsed query. */
export function readInteractionsQuery(
	query: URLSearchParams,
	generation: 'public' | 'legacy',
): { errors: Record<string, string[]> } | { query: InteractionsQuery } {
	const errors: Record<string, string[]> = {};
	const dates: Record<string, number> = {};
	for (const field of ['from', 'to']) {
		const value = query.get(field);
		if (value === null || value === '') errors[field] = [`The ${field} field is required.`];
		else {
			const parsed = parseServerDate(value);
			if (parsed === undefined) errors[field] = [`The ${field} is not a valid date.`];
			else dates[field] = parsed;
		}
	}
	const filters: Record<string, string> = {};
	if (generation === 'public') {
		for (const [name, value] of query) {
			if (name === 'from' || name === 'to') continue;
			if (!PUBLIC_FILTERS.includes(name)) {
				errors[name] = [`The filter '${name}' is not allowed.`];
				continue;
			}
			filters[name] = value;
		}
	}
	if (Object.keys(errors).length > 0) return { errors };
	return { query: { from: dates.from, to: dates.to, filters } };
}

export type AnswerStyle = 'streamed' | 'laravel';

export interface AnswerOptions {
	style: AnswerStyle;
	withHoles: boolean;
	/**
	 * Encoded `laravel` bodies by request, emptied whenever the data changes: a benchmark
	 * then measures the client reading the answer, not this double building it again.
	 */
	cache?: Map<string, Buffer>;
	/** How dates are written; OpenDialog's own form (ISO, UTC) by default. */
	writeDate?: (seconds: number) => string;
}

type DateWriter = (seconds: number) => string;

/** One element of `data`, as JSON text. */
function userRecordJson(
	user: UserInRange,
	from: string,
	to: string,
	withHoles: boolean,
	writeDate: DateWriter,
): string {
	const interactions = user.messages.map((message) => ({
		type: message.type,
		date: writeDate(message.date),
		text: message.text,
		data: message.data,
	}));
	return JSON.stringify({
		[user.userId]: {
			chatbot_user_data: user.userData,
			from,
			to,
			// Every other key is a bot message PHP filtered out without renumbering.
			interactions: withHoles
				? Object.fromEntries(interactions.map((entry, index) => [String(index * 2), entry]))
				: interactions,
		},
	});
}

function* recordsInRange(
	store: TenantStore,
	query: InteractionsQuery,
	withHoles: boolean,
	writeDate: DateWriter = echoDate,
): Generator<string> {
	const from = writeDate(query.from);
	const to = writeDate(query.to);
	for (const user of store.usersInRange(query.from, query.to)) {
		if (matchesFilters(user, query.filters)) {
			yield userRecordJson(user, from, to, withHoles, writeDate);
		}
	}
}

/** Streams the body: a 50,000-user answer is never held in memory as one string. */
export async function streamInteractions(
	res: ServerResponse,
	store: TenantStore,
	query: InteractionsQuery,
	withHoles = false,
	writeDate?: DateWriter,
): Promise<void> {
	res.writeHead(200, { 'Content-Type': 'application/json' });
	let buffer = '{"data":[';
	let first = true;
	for (const record of recordsInRange(store, query, withHoles, writeDate)) {
		buffer += (first ? '' : ',') + record;
		first = false;
		if (buffer.length > 65_536) {
			const flushed = res.write(buffer);
			buffer = '';
			// Honour backpressure so the server's memory stays flat however large the answer.
			if (!flushed) await new Promise((resolve) => res.once('drain', resolve));
		}
	}
	res.end(`${buffer}]}`);
}

/** As Laravel answers: the whole body encoded first, then sent with its length in one write. */
export function sendInteractionsBuffered(
	res: ServerResponse,
	store: TenantStore,
	query: InteractionsQuery,
	withHoles = false,
	cache?: { map: Map<string, Buffer>; key: string },
): void {
	let body = cache?.map.get(cache.key);
	if (body === undefined) {
		const parts: string[] = [];
		for (const record of recordsInRange(store, query, withHoles)) parts.push(record);
		body = Buffer.from(`{"data":[${parts.join(',')}]}`);
		cache?.map.set(cache.key, body);
	}
	res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
	res.end(body);
}

export async function handleInteractions(
	req: IncomingMessage,
	res: ServerResponse,
	store: TenantStore,
	query: InteractionsQuery,
	answer: AnswerOptions = { style: 'streamed', withHoles: false },
): Promise<void> {
	if (query.from > query.to) {
		sendJson(res, 200, { data: [] });
		return;
	}
	if (answer.style === 'laravel') {
		// Keyed by what the query means, not its spelling: clients encode spaces differently.
		const key = JSON.stringify([req.url?.split('?')[0], query, answer.withHoles]);
		const cache = answer.cache && { map: answer.cache, key };
		sendInteractionsBuffered(res, store, query, answer.withHoles, cache);
	} else await streamInteractions(res, store, query, answer.withHoles, answer.writeDate);
}
