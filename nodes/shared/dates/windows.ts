import type { DateTime } from 'luxon';

/** An inclusive range of epoch seconds. */
export interface SecondsRange {
	from: number;
	to: number;
}

export interface DateWindow {
	from: DateTime;
	to: DateTime;
}

/**
 * Splits an inclusive range of whole seconds into consecutive inclusive windows of `size`
 * seconds. OpenDialog compares whole seconds on both ends, so each window ends one second
 * before the next starts: no interaction falls in two windows and none falls between them.
 * The last window takes the remainder; with `joinRemainder` a remainder shorter than `size`
 * joins the window before it instead of making a sliver. Stops after `limit` windows.
 */
export function splitRange(
	range: SecondsRange,
	size: number,
	{ limit = Infinity, joinRemainder = false } = {},
): SecondsRange[] {
	const windows: SecondsRange[] = [];
	for (let start = range.from; start <= range.to && windows.length < limit; start += size) {
		const left = range.to - start + 1;
		const last = joinRemainder ? left < 2 * size : left <= size;
		windows.push({ from: start, to: last ? range.to : start + size - 1 });
		if (last) break;
	}
	return windows;
}

/**
 * Splits an inclusive range into consecutive inclusive windows of `hours` each (see
 * splitRange), in UTC, whole seconds. `hours` of 0 (or less) keeps the range whole. Stops
 * after `limit` windows.
 */
export function planDateWindows(
	from: DateTime,
	to: DateTime,
	hours: number,
	limit = Infinity,
): DateWindow[] {
	const start = from.toUTC().startOf('second');
	const end = to.toUTC().startOf('second');
	if (!(hours > 0) || end <= start) return [{ from: start, to: end }];

	const size = Math.max(Math.floor(Math.round(hours * 3_600_000) / 1000), 1);
	const range = { from: start.toSeconds(), to: end.toSeconds() };
	return splitRange(range, size, { limit }).map((window) => ({
		from: start.plus({ seconds: window.from - range.from }),
		to: start.plus({ seconds: window.to - range.from }),
	}));
}
