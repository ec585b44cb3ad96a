/** Node parameters → export query parameters. Pure: invalid input throws an InputError. */
import type { DateTime } from 'luxon';

import { readDateParameter, toApiDate } from '../shared/dates/dates';
import { InputError } from '../shared/errors/input-error';

/** The Analytics Data Export's documented bound on `chatbot_user_id`. */
const MAX_CHATBOT_USER_ID_LENGTH = 384;

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || String(value).trim() === '';
}

function readDate(value: unknown, label: string, timezone: string): DateTime {
	return readDateParameter(
		value,
		label,
		timezone,
		`Use a date such as 2024-05-01 or 2024-05-01T09:00:00 (read in the workflow's timezone, ${timezone}), or an expression like {{ $now.minus({ days: 7 }) }}.`,
	);
}

function readCount(value: unknown, label: string, hint: string): number {
	const count = Number(value);
	if (!Number.isInteger(count) || count < 1) {
		throw new InputError(
			`'${label}' must be a whole number of at least 1, got ${JSON.stringify(value)}`,
			hint,
		);
	}
	return count;
}

/** Return All → undefined (no limit); otherwise a whole number of records, at least 1. */
export function readLimit(returnAll: boolean, limit: unknown): number | undefined {
	if (returnAll) return undefined;
	return readCount(
		limit,
		'Limit',
		"Set 'Limit' to how many records you want, or turn on 'Return All'.",
	);
}

/** Options → Start Page: a whole page number, 1 when not set. */
export function readStartPage(value: unknown): number {
	if (isEmpty(value)) return 1;
	return readCount(
		value,
		'Start Page',
		'Leave it at 1 to export from the start, or set the page an earlier run failed on to resume there.',
	);
}

export function readPageSize(value: unknown, max: number): number {
	const size = Number(value);
	if (!Number.isInteger(size) || size < 1 || size > max) {
		throw new InputError(
			`'Page Size' must be a whole number from 1 to ${max}, got ${JSON.stringify(value)}`,
			`OpenDialog accepts at most ${max} records per page.`,
		);
	}
	return size;
}

/** `from`/`to` of the User Data Export: both or neither, UTC `YYYY-MM-DD HH:MM:SS`. */
export function buildUserDataExportQuery(input: {
	from: unknown;
	to: unknown;
	timezone: string;
}): Record<string, string> {
	if (isEmpty(input.from) && isEmpty(input.to)) return {};
	if (isEmpty(input.from) || isEmpty(input.to)) {
		throw new InputError(
			"'From' and 'To' must be set together",
			'OpenDialog filters the User Data Export by a range with both ends. Set both dates, or neither to export every user.',
		);
	}
	const from = readDate(input.from, 'From', input.timezone);
	const to = readDate(input.to, 'To', input.timezone);
	if (from > to) {
		throw new InputError(
			`'From' (${toApiDate(from)} UTC) is after 'To' (${toApiDate(to)} UTC)`,
			'Swap the two dates, or check the expressions that compute them.',
		);
	}
	return { from: toApiDate(from), to: toApiDate(to) };
}

export interface AnalyticsQueryInput {
	scenarioId: unknown;
	startDate?: unknown;
	endDate?: unknown;
	chatbotUserId?: unknown;
	includeFlagData: boolean;
	timezone: string;
}

/** A calendar day, `YYYY-MM-DD`, as it falls in the workflow's timezone. */
function readDay(value: unknown, label: string, timezone: string): string {
	return readDate(value, label, timezone).toFormat('yyyy-MM-dd');
}

export function buildAnalyticsExportQuery(input: AnalyticsQueryInput): Record<string, string> {
	const scenarioId = isEmpty(input.scenarioId) ? '' : String(input.scenarioId).trim();
	if (scenarioId === '') {
		throw new InputError(
			"'Scenario ID' is empty",
			"The Analytics Data Export is per scenario. Copy the scenario's ID from OpenDialog (e.g. from the scenario's URL).",
		);
	}
	const query: Record<string, string> = { scenario_id: scenarioId };
	if (!isEmpty(input.startDate))
		query.start_date = readDay(input.startDate, 'Start Date', input.timezone);
	if (!isEmpty(input.endDate)) query.end_date = readDay(input.endDate, 'End Date', input.timezone);
	if (query.start_date && query.end_date && query.end_date < query.start_date) {
		throw new InputError(
			`'End Date' (${query.end_date}) is before 'Start Date' (${query.start_date})`,
			'Swap the two dates, or check the expressions that compute them.',
		);
	}
	if (!isEmpty(input.chatbotUserId)) {
		const userId = String(input.chatbotUserId).trim();
		if (userId.length > MAX_CHATBOT_USER_ID_LENGTH) {
			throw new InputError(
				`'Chatbot User ID' is ${userId.length} characters long`,
				`OpenDialog accepts at most ${MAX_CHATBOT_USER_ID_LENGTH} characters. Check the expression that computes it.`,
			);
		}
		query.chatbot_user_id = userId;
	}
	if (input.includeFlagData) query.include_flag_data = '1';
	return query;
}
