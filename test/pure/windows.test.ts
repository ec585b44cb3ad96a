import { DateTime } from 'luxon';

import { planDateWindows } from '../../nodes/shared/dates/windows';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const show = (windows: ReturnType<typeof planDateWindows>) =>
	windows.map(
		(w) => `${w.from.toFormat('yyyy-MM-dd HH:mm:ss')} → ${w.to.toFormat('yyyy-MM-dd HH:mm:ss')}`,
	);

describe('planDateWindows', () => {
	test('keeps the range whole when the window length is 0', () => {
		expect(show(planDateWindows(at('2024-05-01T00:00:00'), at('2024-05-03T00:00:00'), 0))).toEqual([
			'2024-05-01 00:00:00 → 2024-05-03 00:00:00',
		]);
	});

	test('splits into consecutive windows that end one second before the next starts', () => {
		expect(show(planDateWindows(at('2024-05-01T00:00:00'), at('2024-05-02T23:59:59'), 24))).toEqual(
			['2024-05-01 00:00:00 → 2024-05-01 23:59:59', '2024-05-02 00:00:00 → 2024-05-02 23:59:59'],
		);
	});

	test('ends the last window exactly at the end of the range, inclusive', () => {
		expect(show(planDateWindows(at('2024-05-01T00:00:00'), at('2024-05-02T00:00:00'), 24))).toEqual(
			['2024-05-01 00:00:00 → 2024-05-01 23:59:59', '2024-05-02 00:00:00 → 2024-05-02 00:00:00'],
		);
	});

	test('covers every second of the range exactly once', () => {
		const from = at('2024-05-01T03:17:42');
		const to = at('2024-05-04T11:05:09');
		const windows = planDateWindows(from, to, 7.5);
		expect(windows[0].from.equals(from)).toBe(true);
		expect(windows[windows.length - 1].to.equals(to)).toBe(true);
		for (let i = 1; i < windows.length; i++) {
			expect(windows[i].from.diff(windows[i - 1].to, 'seconds').seconds).toBe(1);
			expect(windows[i].from <= windows[i].to).toBe(true);
		}
	});

	test('drops sub-second precision, which the API does not have', () => {
		const windows = planDateWindows(
			at('2024-05-01T00:00:00.900'),
			at('2024-05-01T00:00:10.900'),
			0,
		);
		expect(show(windows)).toEqual(['2024-05-01 00:00:00 → 2024-05-01 00:00:10']);
	});

	test('stops after the limit it is given', () => {
		expect(
			planDateWindows(at('2024-05-01T00:00:00'), at('2024-06-01T00:00:00'), 1, 5),
		).toHaveLength(5);
	});

	test('gives one window when the range is a single instant', () => {
		expect(planDateWindows(at('2024-05-01T00:00:00'), at('2024-05-01T00:00:00'), 1)).toHaveLength(
			1,
		);
	});
});
