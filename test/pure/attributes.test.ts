import { DateTime } from 'luxon';

import {
	buildDatasetRow,
	pairsToObject,
	parseAttributesJson,
	toAttributes,
	toUserId,
} from '../../nodes/OpenDialogGenerateWebchatDeeplinks/attributes';
import { InputError } from '../../nodes/shared/items/input-error';

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
