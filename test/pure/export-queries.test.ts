import {
	buildAnalyticsExportQuery,
	buildUserDataExportQuery,
	readLimit,
	readPageSize,
} from '../../nodes/OpenDialogDataExport/queries';

describe('buildUserDataExportQuery', () => {
	test('sends both dates in UTC in the API format', () => {
		expect(
			buildUserDataExportQuery({
				from: '2024-05-01T00:00:00',
				to: '2024-05-01T12:00:00',
				timezone: 'Europe/London',
			}),
		).toEqual({ from: '2024-04-30 23:00:00', to: '2024-05-01 11:00:00' });
	});

	test('no dates means no range', () => {
		expect(buildUserDataExportQuery({ from: '', to: undefined, timezone: 'UTC' })).toEqual({});
	});

	test('one date without the other is refused', () => {
		expect(() => buildUserDataExportQuery({ from: '2024-05-01', to: '', timezone: 'UTC' })).toThrow(
			"'From' and 'To' must be set together",
		);
	});

	test("'From' after 'To' is refused", () => {
		expect(() =>
			buildUserDataExportQuery({ from: '2024-05-02', to: '2024-05-01', timezone: 'UTC' }),
		).toThrow("'From' (2024-05-02 00:00:00 UTC) is after 'To'");
	});
});

describe('buildAnalyticsExportQuery', () => {
	test('sends the scenario, the days in the workflow timezone, the user and flag data', () => {
		expect(
			buildAnalyticsExportQuery({
				scenarioId: ' scn-claims ',
				startDate: '2024-05-01T23:30:00+00:00',
				endDate: '2024-05-02',
				chatbotUserId: 'u1',
				includeFlagData: true,
				timezone: 'Europe/Berlin',
			}),
		).toEqual({
			scenario_id: 'scn-claims',
			start_date: '2024-05-01',
			end_date: '2024-05-02',
			chatbot_user_id: 'u1',
			include_flag_data: '1',
		});
	});

	test('an empty scenario is refused', () => {
		expect(() =>
			buildAnalyticsExportQuery({ scenarioId: ' ', includeFlagData: false, timezone: 'UTC' }),
		).toThrow("'Scenario ID' is empty");
	});

	test('an end day before the start day is refused', () => {
		expect(() =>
			buildAnalyticsExportQuery({
				scenarioId: 's',
				startDate: '2024-05-02',
				endDate: '2024-05-01',
				includeFlagData: false,
				timezone: 'UTC',
			}),
		).toThrow("'End Date' (2024-05-01) is before 'Start Date' (2024-05-02)");
	});

	test('a chatbot user id longer than 384 characters is refused', () => {
		expect(() =>
			buildAnalyticsExportQuery({
				scenarioId: 's',
				chatbotUserId: 'x'.repeat(385),
				includeFlagData: false,
				timezone: 'UTC',
			}),
		).toThrow("'Chatbot User ID' is 385 characters long");
	});
});

describe('limit and page size', () => {
	test('Return All has no limit; otherwise the limit must be a whole number from 1', () => {
		expect(readLimit(true, 0)).toBeUndefined();
		expect(readLimit(false, 25)).toBe(25);
		expect(() => readLimit(false, 0)).toThrow("'Limit' must be a whole number of at least 1");
	});

	test('the page size must be within what OpenDialog accepts', () => {
		expect(readPageSize(500, 500)).toBe(500);
		expect(() => readPageSize(501, 500)).toThrow(
			"'Page Size' must be a whole number from 1 to 500",
		);
	});
});
