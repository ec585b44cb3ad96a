import { DateTime } from 'luxon';

import { InputError } from '../errors/input-error';

/** The API's documented date format; it reads these as UTC. */
const API_FORMAT = 'yyyy-MM-dd HH:mm:ss';

// The formats are numeric, so any locale reads them; naming one spares luxon asking the host
// for its own, which costs ~30 ms on a process's first date (and could give non-Latin digits).
const LOCALE = 'en-US';

/**
 * Below this an epoch number is read as seconds: as milliseconds it would be before March
 * 1973, as seconds it reaches the year 5138. Read as milliseconds, a 10-digit seconds value
 * asked OpenDialog for January 1970 and silently found nothing.
 */
const EPOCH_SECONDS_BELOW = 1e11;

function fromEpoch(value: number): DateTime {
	return Math.abs(value) < EPOCH_SECONDS_BELOW
		? DateTime.fromSeconds(value, { locale: LOCALE })
		: DateTime.fromMillis(value, { locale: LOCALE });
}

/**
 * Reads what n8n hands a dateTime parameter: ISO strings with or without an offset, SQL-style
 * strings, luxon DateTimes (`$now`), JS Dates and epoch seconds or milliseconds. Values without an offset
 * are read in `timezone` (the workflow's). Returns undefined when the value is not a date.
 */
export function parseDateInput(value: unknown, timezone: string): DateTime | undefined {
	let parsed: DateTime | undefined;
	if (DateTime.isDateTime(value)) {
		parsed = value;
	} else if (value instanceof Date) {
		parsed = DateTime.fromMillis(value.getTime(), { locale: LOCALE });
	} else if (typeof value === 'number') {
		parsed = fromEpoch(value);
	} else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		const options = { zone: timezone, setZone: true, locale: LOCALE };
		parsed = /^-?\d{10,}$/.test(text)
			? fromEpoch(Number(text))
			: firstValid([
					() => DateTime.fromISO(text, options),
					() => DateTime.fromSQL(text, options),
					() => DateTime.fromRFC2822(text, options),
				]);
	} else if (isLuxonLike(value)) {
		// A DateTime from another copy of luxon (n8n's) fails isDateTime in some versions.
		parsed = DateTime.fromMillis(value.toMillis(), { locale: LOCALE });
	}
	return parsed?.isValid ? parsed : undefined;
}

/** Tries each reading in turn: most inputs are ISO, so the others rarely run. */
function firstValid(readings: Array<() => DateTime>): DateTime | undefined {
	for (const read of readings) {
		const date = read();
		if (date.isValid) return date;
	}
	return undefined;
}

function isLuxonLike(value: unknown): value is { toMillis: () => number } {
	return typeof (value as { toMillis?: unknown })?.toMillis === 'function';
}

/** UTC, whole seconds: the precision OpenDialog stores and accepts. */
export function toApiDate(date: DateTime): string {
	return date.toUTC().toFormat(API_FORMAT);
}

/** The form OpenDialog echoes dates in, e.g. `2022-09-21T00:00:00.000000Z`. */
export function toApiEchoDate(date: DateTime): string {
	return date.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'.000000Z'");
}

/**
 * A date parameter read as parseDateInput does; a value that is not a date is an InputError
 * naming the parameter, with `hint` saying which forms it takes.
 */
export function readDateParameter(
	value: unknown,
	label: string,
	timezone: string,
	hint: string,
): DateTime {
	const date = parseDateInput(value, timezone);
	if (!date) {
		throw new InputError(
			`'${label}' is not a date: ${JSON.stringify(value) ?? String(value)}`,
			hint,
		);
	}
	return date;
}
