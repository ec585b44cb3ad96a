import {
	assertAnalyticsExportResponse,
	decodeClickstreamRecord,
	decodeJsonString,
	readAnalyticsPage,
	type ClickstreamRecord,
} from '../../nodes/shared/public-api/analytics-data-export';
import {
	assertUserDataExportResponse,
	readUserDataPage,
} from '../../nodes/shared/public-api/user-data-export';

const PAGINATION = { currentPage: 2, lastPage: 3, perPage: 1, total: 3 };

describe('readUserDataPage', () => {
	test('gives one record per user with the id lifted in and attributes by name', () => {
		const page = readUserDataPage({
			data: [
				{
					u1: {
						chatbot_user_data: { email: 'ann@example.com' },
						user_attributes: [
							{ name: 'first_seen', type: 'timestamp', value: { scalar_value: 1714550400 } },
							{ name: 'plan', type: 'string', value: { scalar_value: 'gold' } },
						],
						interactions: [{ author: 'them', type: 'text', text: 'Hi' }],
					},
				},
				{ u2: { chatbot_user_data: {} } },
			],
			meta: { pagination: PAGINATION },
		});
		expect(page.currentPage).toBe(2);
		expect(page.lastPage).toBe(3);
		expect(page.records.map((record) => record.user_id)).toEqual(['u1', 'u2']);
		expect(page.records[0]).toMatchObject({
			chatbot_user_data: { email: 'ann@example.com' },
			attributes: { first_seen: 1714550400, plan: 'gold' },
			interactions: [{ author: 'them', text: 'Hi' }],
		});
		expect(page.records[1].attributes).toEqual({});
	});

	test('a body without meta.pagination is refused with a hint at the Base URL', () => {
		expect(() => assertUserDataExportResponse({ data: [] })).toThrow(/meta\.pagination.*Base URL/);
		expect(() =>
			assertUserDataExportResponse({ data: [], meta: { pagination: PAGINATION } }),
		).not.toThrow();
	});
});

describe('decoding JSON-string fields', () => {
	test('valid JSON text becomes its value', () => {
		expect(decodeJsonString('{"a":1}')).toEqual({ a: 1 });
		expect(decodeJsonString('[1,2]')).toEqual([1, 2]);
	});

	test('text that is not valid JSON is kept as it came', () => {
		expect(decodeJsonString('{"a":')).toBe('{"a":');
		expect(decodeJsonString('')).toBe('');
	});

	test('a number too large for a double keeps the raw text, at any depth', () => {
		expect(decodeJsonString('1e400')).toBe('1e400');
		expect(decodeJsonString('{"amount":-1e400}')).toBe('{"amount":-1e400}');
		expect(decodeJsonString('{"a":[1,{"b":[2e999]}]}')).toBe('{"a":[1,{"b":[2e999]}]}');
		expect(decodeJsonString('{"a":1e300,"b":[-0.5]}')).toEqual({ a: 1e300, b: [-0.5] });
	});

	test('values that are not strings pass through', () => {
		expect(decodeJsonString(null)).toBeNull();
		expect(decodeJsonString({ a: 1 })).toEqual({ a: 1 });
	});

	test('decodes properties, traits and context of a record and nothing else', () => {
		const record: ClickstreamRecord = {
			type: 'event',
			event: '{"not":"decoded"}',
			properties: '{"text":"hi"}',
			traits: 'not json',
			context: '{"os":"iOS"}',
		};
		expect(decodeClickstreamRecord(record)).toEqual({
			type: 'event',
			event: '{"not":"decoded"}',
			properties: { text: 'hi' },
			traits: 'not json',
			context: { os: 'iOS' },
		});
		expect(record.properties).toBe('{"text":"hi"}');
	});
});

describe('readAnalyticsPage', () => {
	const body = {
		clickstream: {
			data: [{ type: 'page', properties: '{"a":1}', traits: '{}', context: '{}' }],
			current_page: 1,
			last_page: 4,
			per_page: 1,
			total: 4,
		},
		experiments: [{ flag_name: 'new-greeting', variant_assigned: 'B' }],
	};

	test('reads records, page numbers and experiments, decoding when asked', () => {
		const page = readAnalyticsPage(body, true);
		expect(page).toMatchObject({ currentPage: 1, lastPage: 4 });
		expect(page.records[0].properties).toEqual({ a: 1 });
		expect(page.experiments).toEqual([{ flag_name: 'new-greeting', variant_assigned: 'B' }]);
	});

	test('leaves the JSON text alone when decoding is off', () => {
		expect(readAnalyticsPage(body, false).records[0].properties).toBe('{"a":1}');
	});

	test('an empty export whose last page is 0 is read, not refused', () => {
		const empty = { clickstream: { data: [], current_page: 1, last_page: 0, total: 0 } };
		expect(() => assertAnalyticsExportResponse(empty)).not.toThrow();
		expect(readAnalyticsPage(empty, true)).toMatchObject({ records: [], lastPage: 0 });
	});

	test('a body without the clickstream page is refused', () => {
		expect(() => assertAnalyticsExportResponse({ data: [] })).toThrow(/"clickstream" page/);
		expect(() => assertAnalyticsExportResponse(body)).not.toThrow();
	});
});
