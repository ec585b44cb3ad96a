import { redact, redactError, secretForms } from '../../nodes/shared/transport/redact';

// A Sanctum-style token with characters that every encoding treats differently.
const TOKEN = '17|aB/c+d e"f\\g';

describe('redact', () => {
	test('replaces the token raw', () => {
		expect(redact(`Bearer ${TOKEN} rejected`, TOKEN)).toBe('Bearer *** rejected');
	});

	test('replaces it percent-encoded, in upper or lower case hex', () => {
		const encoded = encodeURIComponent(TOKEN);
		expect(encoded).toContain('%7C');
		expect(redact(`https://x/login?t=${encoded}`, TOKEN)).toBe('https://x/login?t=***');
		const lowerHex = encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
		expect(redact(`https://x/login?t=${lowerHex}`, TOKEN)).toBe('https://x/login?t=***');
	});

	test('replaces it form-encoded (space as +) and encodeURI-encoded', () => {
		const form = new URLSearchParams({ t: TOKEN }).toString();
		expect(redact(form, TOKEN)).toBe('t=***');
		expect(redact(encodeURI(TOKEN), TOKEN)).toBe('***');
	});

	test('replaces it JSON-escaped, PHP-escaped (\\/) and escaped twice', () => {
		const json = JSON.stringify({ message: TOKEN });
		expect(redact(json, TOKEN)).toBe('{"message":"***"}');
		expect(redact(json.replace(/\//g, '\\/'), TOKEN)).toBe('{"message":"***"}');
		expect(redact(JSON.stringify(json), TOKEN)).toBe('"{\\"message\\":\\"***\\"}"');
	});

	test('leaves text alone for an empty or too short secret', () => {
		expect(redact('abc abc', '')).toBe('abc abc');
		expect(redact('abc abc', 'abc')).toBe('abc abc');
	});

	test('lists each form once', () => {
		const forms = secretForms('plain-token-123');
		expect(forms).toEqual([...new Set(forms)]);
		expect(forms).toEqual(['plain-token-123']);
	});
});

describe('redactError', () => {
	test('scrubs message, stack, description and nested details, keys included', () => {
		const error = new Error(`token ${TOKEN}`) as Error & Record<string, unknown>;
		error.description = `see ${encodeURIComponent(TOKEN)}`;
		error.errorResponse = { errors: { [`dataset.0.${TOKEN}`]: [JSON.stringify(TOKEN)] } };
		error.cause = new Error(TOKEN);
		redactError(error, TOKEN);
		expect(error.message).toBe('token ***');
		expect(error.stack).not.toContain(TOKEN);
		expect(error.description).toBe('see ***');
		expect(error.errorResponse).toEqual({ errors: { 'dataset.0.***': ['"***"'] } });
		expect((error.cause as Error).message).toBe('***');
	});
});
