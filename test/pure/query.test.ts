import {
	buildInteractionsQuery,
	type InteractionsQueryInput,
} from '../../nodes/OpenDialogGetInteractions/query';
import { InputError } from '../../nodes/shared/errors/input-error';

const base: InteractionsQueryInput = {
	from: '2024-05-01T00:00:00',
	to: '2024-05-02T00:00:00',
	filters: {},
	windowHours: 0,
	timezone: 'UTC',
	apiVersion: 'public',
};

function errorOf(input: Partial<InteractionsQueryInput>): InputError {
	try {
		buildInteractionsQuery({ ...base, ...input });
	} catch (error) {
		return error as InputError;
	}
	throw new Error('expected an error');
}

describe('buildInteractionsQuery', () => {
	test("rejects 'From' after 'To', naming both", () => {
		const error = errorOf({ from: '2024-05-03T00:00:00' });
		expect(error).toBeInstanceOf(InputError);
		expect(error.message).toMatch(
			/'From' \(2024-05-03 00:00:00 UTC\) is after 'To' \(2024-05-02 00:00:00 UTC\)/,
		);
	});

	test('rejects an unparseable date, naming the parameter and the value', () => {
		expect(errorOf({ to: 'next tuesday' }).message).toBe(`'To' is not a date: "next tuesday"`);
		expect(errorOf({ from: '' }).message).toMatch(/^'From' is not a date/);
	});

	test('maps filters to the API query names and skips empty ones', () => {
		const query = buildInteractionsQuery({
			...base,
			filters: {
				userId: ' abc ',
				selectedScenario: 'scn-1',
				browserLanguage: 'en',
				ipAddress: '',
				country: undefined,
			},
		});
		expect(query.filters).toEqual({
			user_id: 'abc',
			selected_scenario: 'scn-1',
			browser_language: 'en',
		});
	});

	test('refuses filters on the legacy API, which has none', () => {
		expect(errorOf({ apiVersion: 'legacy', filters: { userId: 'abc' } }).message).toBe(
			'Filters need the public OpenDialog API',
		);
		expect(() =>
			buildInteractionsQuery({ ...base, apiVersion: 'legacy', filters: { userId: '' } }),
		).not.toThrow();
	});

	test('refuses a window so short the range would take over a thousand requests', () => {
		expect(errorOf({ windowHours: 0.01 }).message).toBe(
			"'Window Length (Hours)' of 0.01 splits this range into more than 1000 requests",
		);
		expect(buildInteractionsQuery({ ...base, windowHours: 0.025 }).windows).toHaveLength(961);
	});

	test('rejects a negative window length', () => {
		expect(errorOf({ windowHours: -1 }).message).toMatch(/Window Length/);
	});

	test('plans windows and echoes the whole range', () => {
		const query = buildInteractionsQuery({ ...base, windowHours: 12 });
		expect(query.windows).toHaveLength(3);
		expect(query.range).toEqual({
			from: '2024-05-01T00:00:00.000000Z',
			to: '2024-05-02T00:00:00.000000Z',
		});
	});
});
