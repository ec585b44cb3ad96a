import type { DateTime } from 'luxon';

export interface DateWindow {
	from: DateTime;
	to: DateTime;
}

/**
 * Splits an inclusive range into consecutive inclusive windows of `hours` each. OpenDialog
 * compares whole seconds on both ends, so each window ends one second before the next
 * starts: no interaction falls in two windows and none falls between them.
 * `hours` of 0 (or less) keeps the range whole. Stops after `limit` windows.
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

	const sizeMs = Math.max(Math.round(hours * 3_600_000), 1000);
	const windows: DateWindow[] = [];
	for (let windowStart = start; windowStart <= end && windows.length < limit; ) {
		const next = windowStart.plus({ milliseconds: sizeMs }).startOf('second');
		const windowEnd = next.minus({ seconds: 1 }) < end ? next.minus({ seconds: 1 }) : end;
		windows.push({ from: windowStart, to: windowEnd });
		windowStart = next;
	}
	return windows;
}
