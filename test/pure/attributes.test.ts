import { DateTime } from 'luxon';

import {
	buildDatasetRow,
	pairsToObject,
	parseAttributesJson,
	flattenNested,
	toAttributes,
	toUserId,
} from '../../nodes/OpenDialogGenerateWebchatDeeplinks/attributes';
import { InputError } from '../../nodes/shared/errors/input-error';

describe('toAttributes', () => {
	test('passes strings, numbers and booleans through', () => {
		expect(toAttributes({ first_name: 'Ann', age: 41, vip: false, empty: '' })).toEqual({
			first_name: 'Ann',
			age: 41,
			vip: false,
			empty: '',
		});
	});

	test('sends lists of scalars as lists, for collection attributes, dropping empty entries', () => {
		expect(
			toAttributes({ PolicyHolders: ['Ben Smith', 'Joe Bloggs', null], scores: [1, 2] }),
		).toEqual({
			PolicyHolders: ['Ben Smith', 'Joe Bloggs'],
			scores: [1, 2],
		});
	});

	test('drops null and undefined values', () => {
		expect(toAttributes({ a: null, b: undefined, c: 'kept' })).toEqual({ c: 'kept' });
	});

	test('turns dates into ISO text', () => {
		expect(
			toAttributes({
				d: new Date(Date.UTC(2024, 0, 2)),
				l: DateTime.fromISO('2024-01-02T00:00:00Z', { zone: 'utc' }),
			}),
		).toEqual({
			d: '2024-01-02T00:00:00.000Z',
			l: '2024-01-02T00:00:00.000Z',
		});
	});

	test.each([
		[{ address: { city: 'Leeds' } }, "Attribute 'address' is an object"],
		[{ photo: { mimeType: 'image/png', data: 'iVBOR' } }, "Attribute 'photo' is binary data"],
		[{ rows: [{ a: 1 }] }, "Attribute 'rows' is a list holding an object"],
		[{ nested: [[1]] }, "Attribute 'nested' is a list holding a list"],
		[{ n: Number.NaN }, "Attribute 'n' is not a finite number (NaN)"],
		[{ '': 'x' }, 'An attribute has an empty name'],
	])('refuses %p with a clear message', (raw, message) => {
		expect(() => toAttributes(raw)).toThrow(message);
		expect(() => toAttributes(raw)).toThrow(InputError);
	});
});

describe('nested objects (a CRM payload)', () => {
	const contact = {
		email: 'ann@example.com',
		properties: { address: { city: 'Leeds', zip: 'LS1' }, tags: ['a', 'b'], since: null },
	};

	test('are refused by default, naming the nested fields and the option that sends them', () => {
		expect(() => toAttributes(contact)).toThrow(
			"Attribute 'properties' is an object (nested fields properties.address.city, properties.address.zip, properties.tags, …)",
		);
		try {
			toAttributes(contact);
		} catch (error) {
			expect((error as InputError).description).toMatch(
				/turn on Flatten Nested Fields to send them as properties\.address\.city/,
			);
		}
	});

	test('are sent as dotted names when flattening is on, lists kept and nulls left out', () => {
		expect(toAttributes(contact, true)).toEqual({
			email: 'ann@example.com',
			'properties.address.city': 'Leeds',
			'properties.address.zip': 'LS1',
			'properties.tags': ['a', 'b'],
		});
	});

	test('flattening keeps dates and refuses binary and objects inside lists', () => {
		const when = new Date(Date.UTC(2024, 0, 2));
		expect(toAttributes({ a: { when } }, true)).toEqual({ 'a.when': '2024-01-02T00:00:00.000Z' });
		expect(() => toAttributes({ a: { photo: { mimeType: 'x', data: 'y' } } }, true)).toThrow(
			"Attribute 'a.photo' is binary data",
		);
		expect(() => toAttributes({ a: { rows: [{ b: 1 }] } }, true)).toThrow(
			"Attribute 'a.rows' is a list holding an object",
		);
	});

	test('a dotted name that clashes with a flattened one is refused, not overwritten', () => {
		expect(() => flattenNested({ 'address.city': 'York', address: { city: 'Leeds' } })).toThrow(
			"Attribute 'address.city' appears twice once nested fields are flattened",
		);
	});
});

describe('buildDatasetRow', () => {
	test('sends the user id as a string', () => {
		expect(buildDatasetRow(12345, { a: 1 })).toEqual({ user_id: '12345', attributes: { a: 1 } });
	});

	test('leaves the user id out when empty, so OpenDialog generates one', () => {
		expect(buildDatasetRow('  ', { a: 1 })).toEqual({ attributes: { a: 1 } });
		expect(buildDatasetRow(undefined, { a: 1 })).toEqual({ attributes: { a: 1 } });
	});

	test('refuses a row without attributes, which OpenDialog requires', () => {
		expect(() => buildDatasetRow('u', { gone: null })).toThrow(
			'The item has no attributes to send',
		);
	});

	test('refuses an object as user id', () => {
		expect(() => toUserId({ id: 1 })).toThrow("'User ID' is an object");
	});
});

describe('attribute modes', () => {
	test('JSON mode accepts an object or text holding one', () => {
		expect(parseAttributesJson({ a: 1 })).toEqual({ a: 1 });
		expect(parseAttributesJson('{"a": 1}')).toEqual({ a: 1 });
	});

	test('JSON mode refuses invalid JSON and non-objects', () => {
		expect(() => parseAttributesJson('{a:')).toThrow("'Attributes (JSON)' is not valid JSON");
		expect(() => parseAttributesJson('[1]')).toThrow("'Attributes (JSON)' must be an object");
	});

	test('Define Below pairs become an object', () => {
		expect(
			pairsToObject([
				{ name: 'first_name', value: 'Ann' },
				{ name: 'plan', value: 'gold' },
			]),
		).toEqual({
			first_name: 'Ann',
			plan: 'gold',
		});
	});
});
