import type { DateTime } from 'luxon';

import { parseDateInput, toApiDate, toApiEchoDate } from '../shared/dates';
import { InputError } from '../shared/input-error';
import type { ApiVersion } from '../shared/types';
import { planDateWindows, type DateWindow } from './windows';

/** Node filter names → the public API's query parameter names. */
export const FILTER_PARAMETERS: Record<string, string> = {
	userId: 'user_id',
	selectedScenario: 'selected_scenario',
	email: 'email',
	country: 'country',
	browser: 'browser',
	browserLanguage: 'browser_language',
	os: 'os',
	ipAddress: 'ip_address',
	timezone: 'timezone',
	platform: 'platform',
};

export interface InteractionsQueryInput {
	from: unknown;
	to: unknown;
	filters: Record<string, unknown>;
	windowHours: number;
	timezone: string;
	apiVersion: ApiVersion;
}

export interface InteractionsQuery {
	windows: DateWindow[];
	/** Query parameters shared by every window's request. */
	filters: Record<string, string>;
	/** The whole range in the form OpenDialog echoes it. */
	range: { from: string; to: string };
}

function readDate(value: unknown, label: string, timezone: string): DateTime {
	const date = parseDateInput(value, timezone);
	if (!date) {
		throw new InputError(
			`'${label}' is not a date: ${JSON.stringify(value) ?? String(value)}`,
			`Use a date such as 2024-05-01T09:00:00 (read in the workflow's timezone, ${timezone}), an ISO date with an offset, an expression like {{ $now.minus({ days: 1 }) }}, or epoch milliseconds.`,
		);
	}
	return date;
}

function readFilters(filters: Record<string, unknown>, apiVersion: ApiVersion): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(filters)) {
		if (value === undefined || value === null || String(value).trim() === '') continue;
		const parameter = FILTER_PARAMETERS[name];
		if (!parameter) {
			throw new InputError(`Unknown filter '${name}'`, `Use one of: ${Object.keys(FILTER_PARAMETERS).join(', ')}.`);
		}
		result[parameter] = String(value).trim();
	}
	if (apiVersion === 'legacy' && Object.keys(result).length > 0) {
		throw new InputError(
			'Filters need the public OpenDialog API',
			"The credential is set to the legacy API, which has no filters. Set the credential's API Version to Public, or remove the filters.",
		);
	}
	return result;
}

export function buildInteractionsQuery(input: InteractionsQueryInput): InteractionsQuery {
	const from = readDate(input.from, 'From', input.timezone);
	const to = readDate(input.to, 'To', input.timezone);
	if (from > to) {
		throw new InputError(
			`'From' (${toApiDate(from)} UTC) is after 'To' (${toApiDate(to)} UTC)`,
			"Swap the two dates, or check the expressions that compute them: OpenDialog would return no interactions for this range.",
		);
	}
	if (!Number.isFinite(input.windowHours) || input.windowHours < 0) {
		throw new InputError(
			`'Window Length (Hours)' must be 0 or more, got ${input.windowHours}`,
			'Use 0 to fetch the whole range at once, or a number of hours such as 24.',
		);
	}
	return {
		windows: planDateWindows(from, to, input.windowHours),
		filters: readFilters(input.filters, input.apiVersion),
		range: { from: toApiEchoDate(from.startOf('second')), to: toApiEchoDate(to.startOf('second')) },
	};
}
