import {
	describeFailure,
	describeStalled,
	isRetryable,
	isTransientNetworkCode,
	redact,
	RETRY_MIN_DELAY_MS,
	retryDelayMs,
	type FailedResponse,
} from '../../nodes/shared/transport/failures';

const SECRET = 'sk-live-9f8e7d6c';
const SECRET_WITH_BAR = '42|Zx8sQe/Lr0+pK"9v';
const failed = (statusCode: number, body: unknown = {}, extra: Partial<FailedResponse> = {}) =>
	describeFailure({
		statusCode,
		body,
		baseUrl: 'https://acme.cloud.opendialog.ai',
		path: '/public/api/user-interactions',
		apiName: 'public',
		attempts: 1,
		secret: SECRET,
		...extra,
	});

describe('retryDelayMs', () => {
	test('honours Retry-After in seconds', () => {
		expect(retryDelayMs(0, '3')).toBe(3000);
		expect(retryDelayMs(4, ['2'])).toBe(2000);
	});

	test('keeps a minimum backoff when Retry-After is 0, negative or a past date', () => {
		expect(retryDelayMs(4, ['0'])).toBe(RETRY_MIN_DELAY_MS);
		expect(retryDelayMs(0, '-30')).toBe(RETRY_MIN_DELAY_MS);
		expect(retryDelayMs(0, 'Mon, 01 Jan 2024 00:00:05 GMT', Date.UTC(2025, 0, 1))).toBe(
			RETRY_MIN_DELAY_MS,
		);
		expect(RETRY_MIN_DELAY_MS).toBeGreaterThan(0);
	});

	test('honours Retry-After as an HTTP date', () => {
		const now = Date.UTC(2024, 0, 1, 0, 0, 0);
		expect(retryDelayMs(0, 'Mon, 01 Jan 2024 00:00:05 GMT', now)).toBe(5000);
	});

	test('backs off exponentially without Retry-After, up to a minute', () => {
		expect([0, 1, 2, 3].map((attempt) => retryDelayMs(attempt, undefined))).toEqual([
			1000, 2000, 4000, 8000,
		]);
		expect(retryDelayMs(12, undefined)).toBe(60_000);
		expect(retryDelayMs(0, '3600')).toBe(60_000);
	});
});

describe('describeFailure', () => {
	test('401 points at the API token', () => {
		const failure = failed(401, { message: 'Unauthenticated.' });
		expect(failure.message).toMatch(/rejected the API token/);
		expect(failure.description).toMatch(/Identity & Security/);
	});

	test('404 points at the base URL and API version', () => {
		const failure = failed(404, { message: 'Not Found' });
		expect(failure.message).toMatch(/no public API at this address/);
		expect(failure.description).toMatch(/Base URL.*API Version/);
	});

	test('404 for disabled full-page webchat says how to enable it', () => {
		const failure = failed(404, { message: 'Fullpage webchat routes are not enabled.' });
		expect(failure.message).toMatch(/Full-page webchat is not enabled/);
		expect(failure.description).toMatch(/Enable full-page webchat/);
	});

	test("422 lists the server's field messages", () => {
		const failure = failed(422, {
			message: 'The given data was invalid.',
			errors: {
				'dataset.3.attributes': ['The dataset.3.attributes field is required.'],
				from: ['bad'],
			},
		});
		expect(failure.message).toBe(
			'OpenDialog rejected the request: dataset.3.attributes: The dataset.3.attributes field is required.; from: bad',
		);
		expect(failure.fieldErrors).toEqual({
			'dataset.3.attributes': ['The dataset.3.attributes field is required.'],
			from: ['bad'],
		});
	});

	test('an HTML page where JSON was expected says so', () => {
		expect(failed(200, '<!DOCTYPE html><html>Login</html>').message).toBe(
			'OpenDialog answered with an HTML page instead of JSON',
		);
	});

	test('a redirect names where it went', () => {
		expect(
			failed(302, '', { location: 'https://acme.cloud.opendialog.ai/login' }).description,
		).toMatch(/\/login/);
	});

	test('429 and 5xx say how many attempts were made', () => {
		expect(failed(429, {}, { attempts: 6 }).message).toMatch(/after 6 attempts/);
		expect(failed(503, {}, { attempts: 6 }).message).toMatch(/\(503\) 6 times/);
	});

	test('a 500 on a request that must not be repeated says it was not retried, and why', () => {
		const failure = failed(500, {}, { retry: 'refused-only' });
		expect(failure.message).toBe('OpenDialog failed with a server error (500)');
		expect(failure.description).toMatch(/not retried.*create the same links twice/);
	});

	test('retries stopped by the run budget are explained', () => {
		const failure = failed(429, {}, { attempts: 2, retryBudgetSpentMs: 4000 });
		expect(failure.description).toMatch(
			/Retries stopped early: this run had already spent 4 s on retries/,
		);
	});

	test('a 422 echoing the token in message, field key and field message keeps none of it', () => {
		const encoded = encodeURIComponent(SECRET_WITH_BAR).replace(/%[0-9A-F]{2}/g, (escape) =>
			escape.toLowerCase(),
		);
		const failure = failed(
			422,
			{
				message: `Token ${SECRET_WITH_BAR} is not a scenario`,
				errors: {
					[`dataset.0.${SECRET_WITH_BAR}`]: [`The ${encoded} field is invalid.`],
				},
			},
			{ secret: SECRET_WITH_BAR },
		);
		const text = JSON.stringify(failure);
		expect(text).not.toContain(SECRET_WITH_BAR);
		expect(text).not.toContain(encoded);
		expect(failure.fieldErrors).toEqual({ 'dataset.0.***': ['The *** field is invalid.'] });
	});

	test('never repeats the token, even when the server echoes it', () => {
		const failure = failed(400, { message: `bad token ${SECRET}` });
		expect(JSON.stringify(failure)).not.toContain(SECRET);
		expect(failure.message).toContain('bad token ***');
	});
});

test('redact leaves text alone when there is no real secret to hide', () => {
	expect(redact('abc', '')).toBe('abc');
});

describe('isRetryable', () => {
	test('reads (idempotent) retry a rate limit and every server error', () => {
		expect([429, 500, 502, 503, 504].map((status) => isRetryable(status))).toEqual([
			true,
			true,
			true,
			true,
			true,
		]);
		expect(isRetryable(422)).toBe(false);
	});

	test('a request that creates something is retried only when it was refused (429, 503)', () => {
		expect([429, 500, 502, 503, 504].map((status) => isRetryable(status, 'refused-only'))).toEqual([
			true,
			false,
			false,
			true,
			false,
		]);
	});
});

test('a stalled request says OpenDialog stopped answering, never that it is offline', () => {
	const failure = describeStalled('https://acme.cloud.opendialog.ai/public/api/x', 1500);
	expect(failure.message).toBe('OpenDialog stopped answering after 1.5 s');
	expect(failure.description).toMatch(/Timeout \(Seconds\)/);
	expect(JSON.stringify(failure)).not.toMatch(/offline/i);
});

describe('isTransientNetworkCode', () => {
	test('resets, cut pipes, timeouts and failed look-ups may pass; a refused connection does not', () => {
		for (const code of ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND'])
			expect(isTransientNetworkCode(code)).toBe(true);
		for (const code of ['ECONNREFUSED', 'ERR_CANCELED', 'CERT_HAS_EXPIRED', undefined])
			expect(isTransientNetworkCode(code)).toBe(false);
	});
});
