import type { DateTime } from 'luxon';

import { readDateParameter, toApiDate, toApiEchoDate } from '../shared/dates/dates';
import { InputError } from '../shared/errors/input-error';
import type { ApiVersion } from '../shared/public-api/connection';
import { readFilters } from '../shared/properties/filters';
import { planDateWindows, type DateWindow } from '../shared/dates/windows';

/** Beyond this a run would be thousands of requests: almost certainly a mistyped window. */
export const MAX_WINDOWS = 1000;

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
	return readDateParameter(
		value,
		label,
		timezone,
		`Use a date such as 2024-05-01T09:00:00 (read in the workflow's timezone, ${timezone}), an ISO date with an offset, an expression like {{ $now.minus({ days: 1 }) }}, or epoch seconds or milliseconds.`,
	);
}

export function buildInteractionsQuery(input: InteractionsQueryInput): InteractionsQuery {
	const from = readDate(input.from, 'From', input.timezone);
	const to = readDate(input.to, 'To', input.timezone);
	if (from > to) {
		throw new InputError(
			`'From' (${toApiDate(from)} UTC) is after 'To' (${toApiDate(to)} UTC)`,
			'Swap the two dates, or check the expressions that compute them: OpenDialog would return no interactions for this range.',
		);
	}
	if (!Number.isFinite(input.windowHours) || input.windowHours < 0) {
		throw new InputError(
			`'Window Length (Hours)' must be 0 or more, got ${input.windowHours}`,
			'Use 0 to fetch the whole range at once, or a number of hours such as 24.',
		);
	}
	const windows = planDateWindows(from, to, input.windowHours, MAX_WINDOWS + 1);
	if (windows.length > MAX_WINDOWS) {
		throw new InputError(
			`'Window Length (Hours)' of ${input.windowHours} splits this range into more than ${MAX_WINDOWS} requests`,
			`Use a longer window: at most ${MAX_WINDOWS} windows are allowed per range.`,
		);
	}
	return {
		windows,
		filters: readFilters(input.filters, input.apiVersion),
		range: { from: toApiEchoDate(from.startOf('second')), to: toApiEchoDate(to.startOf('second')) },
	};
}
