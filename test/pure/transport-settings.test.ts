import { normaliseBaseUrl } from '../../nodes/shared/public-api/credential-fields';
import { errorItem } from '../../nodes/shared/errors/item-errors';
import { readTimeoutMs } from '../../nodes/shared/properties/timeout-option';
import { StalledError, withIdleTimeout } from '../../nodes/shared/transport/idle-timeout';
import { RetryBudget } from '../../nodes/shared/transport/retry-budget';

describe('normaliseBaseUrl', () => {
	test('strips spaces and trailing slashes', () => {
		expect(normaliseBaseUrl(' https://acme.cloud.opendialog.ai// ')).toBe(
			'https://acme.cloud.opendialog.ai',
		);
	});

	test('refuses a user name or password, without repeating them', () => {
		for (const url of ['https://user:s3cret-pass@acme.io', 'https://user@acme.io/']) {
			expect(() => normaliseBaseUrl(url)).toThrow('must not contain a user name or password');
			try {
				normaliseBaseUrl(url);
			} catch (error) {
				expect(
					JSON.stringify({ ...(error as object), message: (error as Error).message }),
				).not.toMatch(/s3cret-pass|user@/);
			}
		}
	});

	test('refuses a query or a fragment', () => {
		expect(() => normaliseBaseUrl('https://acme.io/?token=x')).toThrow('query (?…) or fragment');
		expect(() => normaliseBaseUrl('https://acme.io/#top')).toThrow('query (?…) or fragment');
	});

	test('refuses what is not an http(s) address', () => {
		expect(() => normaliseBaseUrl('acme.cloud.opendialog.ai')).toThrow('not a web address');
		expect(() => normaliseBaseUrl('ftp://acme.io')).toThrow('must start with https://');
	});
});

describe('readTimeoutMs', () => {
	test('defaults to 60 s and reads seconds', () => {
		expect(readTimeoutMs(undefined)).toBe(60_000);
		expect(readTimeoutMs({ timeout: 1.5 })).toBe(1500);
	});

	test('refuses zero, negative and non-numbers', () => {
		for (const timeout of [0, -1, 'soon']) {
			expect(() => readTimeoutMs({ timeout })).toThrow(
				"'Timeout (Seconds)' must be a number above 0",
			);
		}
	});
});

describe('RetryBudget', () => {
	test('grants waits until the next one would overrun the limit', () => {
		const budget = new RetryBudget(5000);
		expect([2000, 2000, 2000].map((ms) => budget.take(ms))).toEqual([true, true, false]);
		expect(budget.spentMs).toBe(4000);
		expect(budget.take(1000)).toBe(true);
	});
});

describe('withIdleTimeout', () => {
	async function* chunks(gapsMs: number[]) {
		for (const gap of gapsMs) {
			await new Promise((resolve) => setTimeout(resolve, gap));
			yield gap;
		}
	}

	test('passes a body through whose parts keep coming, however long it takes in total', async () => {
		const received: number[] = [];
		for await (const chunk of withIdleTimeout(chunks([60, 60, 60, 60]), 150)) received.push(chunk);
		expect(received).toEqual([60, 60, 60, 60]);
	});

	test('fails with StalledError when a part takes longer than the timeout', async () => {
		const received: number[] = [];
		const reading = (async () => {
			for await (const chunk of withIdleTimeout(chunks([10, 400]), 100)) received.push(chunk);
		})();
		await expect(reading).rejects.toBeInstanceOf(StalledError);
		expect(received).toEqual([10]);
	});
});

test('errorItem keeps message, description and HTTP code, paired with its item', () => {
	const error = Object.assign(new Error('Too many'), { description: 'Wait', httpCode: '429' });
	expect(errorItem(error, 3)).toEqual({
		json: { error: 'Too many', description: 'Wait', httpCode: '429' },
		pairedItem: { item: 3 },
	});
	expect(errorItem(error, 1, 'Too many [item 1]').json.error).toBe('Too many [item 1]');
});
