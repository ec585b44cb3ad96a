import { compileFieldReads } from '../../nodes/OpenDialogGenerateWebchatDeeplinks/field-read-parameters';
import {
	parseFieldRead,
	readField,
} from '../../nodes/OpenDialogGenerateWebchatDeeplinks/field-reads';

describe('parseFieldRead', () => {
	test.each([
		['={{ $json.email }}', ['email']],
		['={{$json.email}}', ['email']],
		['={{ $json["first name"] }}', ['first name']],
		["={{ $json['x'] }}", ['x']],
		['={{ $json.address.city }}', ['address', 'city']],
		['={{ $json.tags[0] }}', ['tags', '0']],
		['={{ $json }}', []],
	])('reads %s as a field path', (parameter, path) => {
		expect(parseFieldRead(parameter)).toEqual(path);
	});

	test.each([
		'={{ $json.email.toLowerCase() }}',
		'={{ $json.a || "x" }}',
		'=Hi {{ $json.first_name }}',
		'={{ $json.a }} {{ $json.b }}',
		'={{ $input.item.json.email }}',
		'={{ $json.constructor }}',
		'={{ $json["__proto__"] }}',
		'={{ $json.toString }}',
		'={{ $json["a\\"b"] }}',
		'={{ $json["a\nb"] }}',
		"={{ $json['a\rb'] }}",
		'={{ $json["a\u2028b"] }}',
		'={{ $json["a\u2029b"] }}',
		'={{ $json2.a }}',
		'$json.email',
		'={{ $json . email }}',
	])('leaves %s to n8n', (parameter) => {
		expect(parseFieldRead(parameter)).toBeUndefined();
	});
});

describe('readField', () => {
	const json = {
		s: 'x',
		n: 3,
		z: null,
		o: { city: 'Leeds', d: { q: 1 } },
		a: [1, 'two', null],
		when: new Date(0),
	};

	test('returns fields, lists and objects as they are, and undefined for a missing last field', () => {
		expect(readField(json, ['s'])).toEqual({ value: 'x' });
		expect(readField(json, ['n'])).toEqual({ value: 3 });
		expect(readField(json, ['z'])).toEqual({ value: null });
		expect(readField(json, ['o', 'd'])).toEqual({ value: { q: 1 } });
		expect(readField(json, ['a', '1'])).toEqual({ value: 'two' });
		expect(readField(json, ['a', '9'])).toEqual({ value: undefined });
		expect(readField(json, ['missing'])).toEqual({ value: undefined });
		expect(readField(json, ['o', 'missing'])).toEqual({ value: undefined });
	});

	test('leaves to n8n what only its evaluation can say', () => {
		expect(readField(json, ['missing', 'city'])).toBeUndefined();
		expect(readField(json, ['z', 'city'])).toBeUndefined();
		expect(readField(json, ['s', 'length'])).toBeUndefined();
		expect(readField(json, ['a', 'length'])).toBeUndefined();
		expect(readField(json, ['when'])).toBeUndefined();
	});
});

describe('compileFieldReads', () => {
	test('answers a collection of plain reads and constants, item by item', () => {
		const resolve = compileFieldReads([
			{ name: 'email', value: '={{ $json.email }}' },
			{ name: 'plan', value: 'gold' },
		]);
		expect(resolve?.({ email: 'a@example.com' })).toEqual({
			value: [
				{ name: 'email', value: 'a@example.com' },
				{ name: 'plan', value: 'gold' },
			],
		});
		expect(resolve?.({ email: { nested: new Date(0) } })).toBeUndefined();
	});

	test('leaves values without expressions, or with any other expression, to n8n', () => {
		expect(compileFieldReads('plain')).toBeUndefined();
		expect(compileFieldReads({ a: 1 })).toBeUndefined();
		expect(compileFieldReads(['={{ $json.a }}', '={{ $now }}'])).toBeUndefined();
	});
});
