import { DateTime } from 'luxon';

import { parseDateInput, toApiDate, toApiEchoDate } from '../../nodes/shared/dates/dates';

const utc = (value: unknown, zone = 'UTC') => {
	const parsed = parseDateInput(value, zone);
	return parsed ? toApiDate(parsed) : undefined;
};

describe('parseDateInput', () => {
	test('reads an ISO date without offset in the workflow timezone', () => {
		expect(utc('2024-05-01T09:00:00', 'Europe/London')).toBe('2024-05-01 08:00:00');
		expect(utc('2024-01-15T09:00:00', 'America/New_York')).toBe('2024-01-15 14:00:00');
	});

	test('keeps the offset an ISO date carries', () => {
		expect(utc('2024-05-01T09:00:00+02:00', 'America/New_York')).toBe('2024-05-01 07:00:00');
		expect(utc('2024-05-01T09:00:00.000Z', 'Asia/Tokyo')).toBe('2024-05-01 09:00:00');
	});

	test('reads SQL-style dates, the format the API documents', () => {
		expect(utc('2024-05-01 09:30:15', 'UTC')).toBe('2024-05-01 09:30:15');
	});

	test('accepts luxon DateTimes, JS Dates and epoch milliseconds', () => {
		const instant = Date.UTC(2024, 4, 1, 12, 0, 0);
		expect(utc(DateTime.fromMillis(instant, { zone: 'Asia/Tokyo' }))).toBe('2024-05-01 12:00:00');
		expect(utc(new Date(instant))).toBe('2024-05-01 12:00:00');
		expect(utc(instant)).toBe('2024-05-01 12:00:00');
		expect(utc(String(instant))).toBe('2024-05-01 12:00:00');
	});

	test('reads a 10-digit epoch as seconds, not as a date in January 1970', () => {
		const seconds = Date.UTC(2024, 4, 1, 12, 0, 0) / 1000;
		expect(utc(seconds)).toBe('2024-05-01 12:00:00');
		expect(utc(String(seconds))).toBe('2024-05-01 12:00:00');
	});

	test('accepts a DateTime-like object from another copy of luxon', () => {
		const foreign = { toMillis: () => Date.UTC(2024, 4, 1, 12, 0, 0) };
		expect(utc(foreign)).toBe('2024-05-01 12:00:00');
	});

	test('reads a bare year as a year, not as milliseconds', () => {
		expect(utc('2024')).toBe('2024-01-01 00:00:00');
	});

	test('returns undefined for values that are not dates', () => {
		for (const value of ['', 'yesterday-ish', '2024-13-45', null, undefined, {}, [], true]) {
			expect(parseDateInput(value, 'UTC')).toBeUndefined();
		}
	});
});

test('toApiEchoDate formats like OpenDialog echoes dates', () => {
	expect(toApiEchoDate(DateTime.fromISO('2022-09-21T01:02:03+01:00'))).toBe(
		'2022-09-21T00:02:03.000000Z',
	);
});
