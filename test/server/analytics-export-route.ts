/**
 * `GET /public/api/analytics-data-export`: a scenario's clickstream. Records are those set in
 * the server's config or, by default, generated from the tenant's messages: an `identify`
 * per user, then a `page` for each chat open and an `event` for everything else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { DataExportContext } from './data-exports';
import { pageOf, readInteger } from './paging';
import { sendJson, validationFailed } from './laravel';
import type { UserInRange } from './tenant';

export interface ClickstreamRecord {
	type: 'event' | 'page' | 'identify' | string;
	scenario_id: string;
	anonymous_id: string;
	user_id: string;
	event: string | null;
	name: string | null;
	/** JSON-encoded, as OpenDialog sends them. */
	properties: string;
	traits: string;
	context: string;
	message_id: string;
	timestamp: string;
}

const DAY_FORMAT = /^\d{4}-\d\d-\d\d$/;
const MAX_CHATBOT_USER_ID = 384;

function timestampOf(seconds: number): string {
	return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

function recordsOfUser(user: UserInRange, scenarioId: string): ClickstreamRecord[] {
	const anonymousId = `anon-${user.userId}`;
	const context = JSON.stringify({
		browser: user.userData.browser ?? null,
		os: user.userData.os ?? null,
	});
	const base = {
		scenario_id: scenarioId,
		anonymous_id: anonymousId,
		user_id: user.userId,
		context,
	};
	const first = user.messages[0];
	const records: ClickstreamRecord[] = [
		{
			...base,
			type: 'identify',
			event: null,
			name: null,
			properties: '{}',
			traits: JSON.stringify(user.userData),
			message_id: `${user.userId}-identify`,
			timestamp: timestampOf(first.date),
		},
	];
	user.messages.forEach((message, index) => {
		const isPage = message.type === 'chat_open';
		records.push({
			...base,
			type: isPage ? 'page' : 'event',
			event: isPage ? null : message.type,
			name: isPage ? 'Webchat' : null,
			properties: JSON.stringify({ text: message.text, data: message.data }),
			traits: '{}',
			message_id: `${user.userId}-${index}`,
			timestamp: timestampOf(message.date),
		});
	});
	return records;
}

function generatedRecords(context: DataExportContext, scenarioId: string): ClickstreamRecord[] {
	const records: ClickstreamRecord[] = [];
	for (const user of context.store.usersInRange(-Infinity, Infinity)) {
		const custom = (user.userData.custom ?? {}) as Record<string, unknown>;
		if (custom.selected_scenario !== scenarioId) continue;
		records.push(...recordsOfUser(user, scenarioId));
	}
	return records;
}

export function handleAnalyticsExport(
	req: IncomingMessage,
	res: ServerResponse,
	query: URLSearchParams,
	context: DataExportContext,
): void {
	const errors: Record<string, string[]> = {};
	const scenarioId = query.get('scenario_id') ?? '';
	if (scenarioId === '') errors.scenario_id = ['The scenario id field is required.'];
	const days: Record<string, string> = {};
	for (const [field, label] of [
		['start_date', 'start date'],
		['end_date', 'end date'],
	]) {
		const value = query.get(field);
		if (value === null || value === '') continue;
		if (!DAY_FORMAT.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
			errors[field] = [`The ${label} does not match the format Y-m-d.`];
		} else days[field] = value;
	}
	if (days.start_date && days.end_date && days.end_date < days.start_date) {
		errors.end_date = ['The end date must be a date after or equal to start date.'];
	}
	const userId = query.get('chatbot_user_id') ?? '';
	if (userId.length > MAX_CHATBOT_USER_ID) {
		errors.chatbot_user_id = [
			`The chatbot user id must not be greater than ${MAX_CHATBOT_USER_ID} characters.`,
		];
	}
	const flags = query.get('include_flag_data');
	if (flags !== null && !['1', '0', 'true', 'false'].includes(flags)) {
		errors.include_flag_data = ['The include flag data field must be true or false.'];
	}
	const perPage = readInteger(
		query,
		'per_page',
		'per page',
		{ min: 1, max: 1000, fallback: 50 },
		errors,
	);
	const page = readInteger(query, 'page', 'page', { min: 1, fallback: 1 }, errors);
	if (Object.keys(errors).length > 0) {
		validationFailed(req, res, errors, context.baseUrl);
		return;
	}

	const all = (context.config.clickstream ?? generatedRecords(context, scenarioId)).filter(
		(record) =>
			record.scenario_id === scenarioId &&
			(!userId || record.user_id === userId) &&
			(!days.start_date || record.timestamp.slice(0, 10) >= days.start_date) &&
			(!days.end_date || record.timestamp.slice(0, 10) <= days.end_date),
	);
	const result = pageOf(all, page, perPage);
	const withFlags = flags === '1' || flags === 'true';
	sendJson(res, 200, {
		clickstream: {
			data: result.data,
			per_page: perPage,
			current_page: result.currentPage,
			last_page: result.lastPage,
			total: all.length,
		},
		...(withFlags ? { experiments: context.config.experiments ?? [] } : {}),
	});
}
