/**
 * The three nodes against a misbehaving OpenDialog: answers that stall, drip, get cut or never
 * come, and a server that echoes the token back in every form. Whatever happens, every input
 * item yields exactly one output, the token never shows, and nothing waits for ever.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { OpenDialogGenerateWebchatDeeplinks } from '../../nodes/OpenDialogGenerateWebchatDeeplinks/OpenDialogGenerateWebchatDeeplinks.node';
import { OpenDialogGetInteractions } from '../../nodes/OpenDialogGetInteractions/OpenDialogGetInteractions.node';
import { OpenDialogTrigger } from '../../nodes/OpenDialogTrigger/OpenDialogTrigger.node';
import { useLocalOpenDialog } from '../helpers/local-server';
import { pollingTrigger, runNode, type NodeRun, type RunNodeOptions } from '../helpers/run-node';
import { lowerHexEncoded, type TransportFault } from '../server/faults';

// A Sanctum-style token with characters that each encoding writes differently.
const TOKEN = '42|od"T0k/en+ 9\\x';
const od = useLocalOpenDialog({ token: TOKEN });
jest.setTimeout(30_000);

/** Short, so a hang shows as a failure within seconds. */
const TIMEOUT_SECONDS = 1;
/** A stalled read is retried while the run's retry time (five times the timeout) lasts. */
const RETRY_BUDGET_SECONDS = 5 * TIMEOUT_SECONDS;
const DAY = { from: '2024-05-01T00:00:00', to: '2024-05-01T23:59:59' };
const ITEMS = 3;
const items = (): INodeExecutionData[] =>
	Array.from({ length: ITEMS }, (_, n) => ({ json: { n, first_name: `Contact ${n}` } }));

beforeEach(() => {
	od.server.addMessages(
		Array.from({ length: 20 }, (_, n) => ({
			user_id: `user-${n}`,
			date: `2024-05-01 10:${String(n).padStart(2, '0')}:00`,
			text: `message ${n} `.repeat(10),
		})),
	);
});

function fault(transport: TransportFault, path: string, times = 100) {
	od.server.injectFaults({ path, transport, times });
}

function getInteractions(extra: Partial<RunNodeOptions> = {}, options: object = {}) {
	return runNode({
		node: new OpenDialogGetInteractions(),
		parameters: {
			...DAY,
			outputMode: 'perUser',
			options: { timeout: TIMEOUT_SECONDS, windowHours: 0, ...options },
		},
		credentials: od.credentials(),
		items: items(),
		continueOnFail: true,
		...extra,
	});
}

function generateLinks(extra: Partial<RunNodeOptions> = {}, options: object = {}) {
	return runNode({
		node: new OpenDialogGenerateWebchatDeeplinks(),
		parameters: {
			scenarioBy: 'id',
			scenarioId: 'scn-welcome',
			attributesMode: 'allFields',
			options: { timeout: TIMEOUT_SECONDS, batchSize: 1, ...options },
		},
		credentials: od.credentials(),
		items: items(),
		continueOnFail: true,
		...extra,
	});
}

function trigger() {
	return pollingTrigger({
		node: new OpenDialogTrigger(),
		parameters: { outputMode: 'perInteraction', options: { timeout: TIMEOUT_SECONDS } },
		credentials: od.credentials(),
	});
}

/** Every string reachable from a value, errors' message and stack included. */
function allText(value: unknown, seen = new Set<unknown>()): string {
	if (typeof value === 'string') return value;
	if (!value || typeof value !== 'object' || seen.has(value)) return '';
	seen.add(value);
	const parts = Object.entries(value).map(([key, entry]) => `${key}\n${allText(entry, seen)}`);
	if (value instanceof Error) parts.push(value.message, value.stack ?? '');
	return parts.join('\n');
}

/** The forms of the token found anywhere in the output and the error, and in their JSON. */
function leakedTokenForms(...outputs: unknown[]): string[] {
	const text = allText(outputs);
	const searched = `${text}\n${JSON.stringify(text)}`;
	const forms: Record<string, string> = {
		raw: TOKEN,
		percentEncoded: encodeURIComponent(TOKEN),
		percentEncodedLowerHex: lowerHexEncoded(TOKEN),
		formEncoded: new URLSearchParams({ t: TOKEN }).toString().slice(2),
		jsonEscaped: JSON.stringify(TOKEN).slice(1, -1),
	};
	return Object.entries(forms)
		.filter(([, form]) => searched.includes(form))
		.map(([name]) => name);
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; seconds: number }> {
	const started = Date.now();
	const result = await work;
	return { result, seconds: (Date.now() - started) / 1000 };
}

/** One output per input item, each paired with it, each an error item. */
function expectOneErrorItemPerInput(run: NodeRun, message: RegExp) {
	expect(run.error).toBeUndefined();
	expect(run.items).toHaveLength(ITEMS);
	run.items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(String(item.json.error)).toMatch(message);
	});
}

const STOPPED = /^OpenDialog stopped answering after 1 s \[item \d\]$/;
const CUT =
	/^(OpenDialog's answer could not be read|The connection to OpenDialog at .* was cut before its answer was complete)/;

describe('Get Interactions under transport faults', () => {
	test('an answer that stalls after its headers fails each item after the timeout and the retries the budget allows', async () => {
		fault({ kind: 'stall', afterBytes: 40 }, 'user-interactions');
		const { result: run, seconds } = await timed(getInteractions());
		expectOneErrorItemPerInput(run, STOPPED);
		expect(run.items[0].json.description).toMatch(/Timeout \(Seconds\)/);
		expect(seconds).toBeLessThan(ITEMS * TIMEOUT_SECONDS + RETRY_BUDGET_SECONDS + 3);
	});

	test('a server that never answers fails each item within the timeouts and retry budget, never as "offline"', async () => {
		fault({ kind: 'silent' }, 'user-interactions');
		const { result: run, seconds } = await timed(getInteractions());
		expectOneErrorItemPerInput(run, STOPPED);
		expect(JSON.stringify(run.items)).not.toMatch(/offline/i);
		expect(seconds).toBeLessThan(ITEMS * TIMEOUT_SECONDS + RETRY_BUDGET_SECONDS + 3);
	});

	test('without Continue On Fail a stall stops the node with the same clear error', async () => {
		fault({ kind: 'stall', afterBytes: 0 }, 'user-interactions');
		const run = await getInteractions({ continueOnFail: false });
		expect(run.error?.message).toBe('OpenDialog stopped answering after 1 s [item 0]');
	});

	test('a slow drip that never pauses for a whole timeout is read to the end', async () => {
		fault({ kind: 'drip', chunkBytes: 1500, intervalMs: 300 }, 'user-interactions', 1);
		const { result: run, seconds } = await timed(getInteractions({ items: [{ json: {} }] }));
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(20);
		// Longer in total than the timeout: the timeout is per silence, not per answer.
		expect(seconds).toBeGreaterThan(TIMEOUT_SECONDS);
	});

	test('a body cut halfway fails each item with a clear message', async () => {
		fault({ kind: 'cut', afterBytes: 300 }, 'user-interactions');
		const run = await getInteractions();
		expectOneErrorItemPerInput(run, CUT);
	});

	test('a 422 quoting the token keeps none of it, and the error item keeps its code and description', async () => {
		fault({ kind: 'echo-validation' }, 'user-interactions');
		const run = await getInteractions();
		expectOneErrorItemPerInput(run, /^OpenDialog rejected the request: dataset\.0\.\*\*\*/);
		expect(run.items[0].json).toMatchObject({ httpCode: '422', description: expect.any(String) });
		expect(leakedTokenForms(run.items, run.error)).toEqual([]);
	});

	test('a redirect carrying the token percent-encoded shows none of it', async () => {
		fault({ kind: 'echo-redirect' }, 'user-interactions');
		const run = await getInteractions({ continueOnFail: false });
		expect(run.error?.message).toMatch(/redirected the request \(302\)/);
		expect(run.error?.description).toMatch(/\/login\?expired=\*\*\*/);
		expect(leakedTokenForms(run.items, run.error)).toEqual([]);
	});
});

describe('Generate Webchat Deeplinks under transport faults', () => {
	test('an answer that stalls after its headers fails each batch after the timeout', async () => {
		fault({ kind: 'stall', afterBytes: 5 }, 'deep');
		const { result: run, seconds } = await timed(generateLinks());
		expectOneErrorItemPerInput(run, STOPPED);
		expect(seconds).toBeLessThan(ITEMS * TIMEOUT_SECONDS + 5);
	});

	test('a server that never answers fails each batch after the timeout', async () => {
		fault({ kind: 'silent' }, 'deep');
		const { result: run, seconds } = await timed(generateLinks());
		expectOneErrorItemPerInput(run, STOPPED);
		expect(seconds).toBeLessThan(ITEMS * TIMEOUT_SECONDS + 5);
	});

	test('a slow drip is read to the end and every item gets its link', async () => {
		fault({ kind: 'drip', chunkBytes: 30, intervalMs: 300 }, 'deep', 1);
		const run = await generateLinks({}, { batchSize: 100 });
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => Boolean(item.json.deeplink))).toEqual([true, true, true]);
	});

	test('a body cut halfway gives each item an error item saying so', async () => {
		fault({ kind: 'cut', afterBytes: 10 }, 'deep');
		const run = await generateLinks();
		expectOneErrorItemPerInput(run, CUT);
	});

	test('a 422 row error quoting the token keeps none of it; the other rows still get links', async () => {
		fault({ kind: 'echo-validation' }, 'deep', 1);
		const run = await generateLinks({}, { batchSize: 100 });
		expect(run.items).toHaveLength(ITEMS);
		expect(run.items[0].json).toMatchObject({ httpCode: '422' });
		expect(String(run.items[0].json.error)).toMatch(/^OpenDialog rejected this item: \*\*\*:/);
		expect(run.items.slice(1).every((item) => item.json.deeplink)).toBe(true);
		expect(leakedTokenForms(run.items, run.error)).toEqual([]);
	});

	test('without Continue On Fail the 422 error, its stack and its details keep none of the token', async () => {
		fault({ kind: 'echo-validation' }, 'deep', 1);
		const run = await generateLinks({ continueOnFail: false }, { batchSize: 100 });
		expect(run.error?.message).toMatch(/rejected this item/);
		expect(leakedTokenForms(run.items, run.error)).toEqual([]);
	});

	test('a 500 after the links may have been made is not sent again', async () => {
		od.server.injectFaults({ path: 'deep', status: 500, times: 100 });
		const run = await generateLinks({}, { batchSize: 100 });
		expect(od.server.apiRequests('deeplinks')).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({
			error: 'OpenDialog failed with a server error (500) [item 0]',
			httpCode: '500',
			description: expect.stringMatching(/not retried/),
		});
	});

	test('a 503 (refused before any work) is retried, then every item gets its link', async () => {
		od.server.injectFaults({ path: 'deep', status: 503, retryAfter: 0, times: 1 });
		const run = await generateLinks({}, { batchSize: 100 });
		expect(od.server.apiRequests('deeplinks').map((request) => request.status)).toEqual([503, 200]);
		expect(run.items.every((item) => item.json.deeplink)).toBe(true);
	});
});

describe('OpenDialog Trigger under transport faults', () => {
	test('a poll whose answer stalls fails after the timeout and leaves the cursor', async () => {
		const openDialog = trigger();
		await openDialog.poll();
		const { cursor } = openDialog.staticData() as { cursor: number };
		fault({ kind: 'stall', afterBytes: 20 }, 'user-interactions');
		const { result: outcome, seconds } = await timed(
			openDialog.poll().then(
				() => undefined,
				(error: Error) => error,
			),
		);
		expect(outcome?.message).toBe('OpenDialog stopped answering after 1 s');
		expect(seconds).toBeLessThan(TIMEOUT_SECONDS + RETRY_BUDGET_SECONDS + 3);
		expect((openDialog.staticData() as { cursor: number }).cursor).toBe(cursor);
	});

	test('the manual test run against a server that never answers fails after the timeout', async () => {
		fault({ kind: 'silent' }, 'user-interactions');
		const { result: outcome, seconds } = await timed(
			trigger()
				.poll('manual')
				.then(
					() => undefined,
					(error: Error) => error,
				),
		);
		expect(outcome?.message).toBe('OpenDialog stopped answering after 1 s');
		expect(seconds).toBeLessThan(TIMEOUT_SECONDS + RETRY_BUDGET_SECONDS + 3);
	});

	test('a poll answered with a 422 quoting the token raises an error without it', async () => {
		const openDialog = trigger();
		await openDialog.poll();
		fault({ kind: 'echo-validation' }, 'user-interactions');
		const error = await openDialog.poll().then(
			() => undefined,
			(failure: Error) => failure,
		);
		expect(error?.message).toMatch(/OpenDialog rejected the request/);
		expect(leakedTokenForms(error)).toEqual([]);
	});
});

describe('retries', () => {
	test('Retry-After: 0 still waits a minimum backoff before retrying', async () => {
		od.server.injectFaults({ path: 'user-interactions', status: 429, retryAfter: 0, times: 1 });
		const { result: run, seconds } = await timed(getInteractions({ items: [{ json: {} }] }));
		expect(run.error).toBeUndefined();
		expect(od.server.apiRequests().map((request) => request.status)).toEqual([429, 200]);
		expect(seconds).toBeGreaterThanOrEqual(0.5);
	});

	test('retries of one run stop when their waits would pass five times the timeout', async () => {
		od.server.injectFaults({ path: 'user-interactions', status: 429, retryAfter: 2, times: 100 });
		const { result: run, seconds } = await timed(getInteractions());
		// 2 s + 2 s fit in 5 s; a third wait would not, so every later request fails at once.
		expect(od.server.apiRequests()).toHaveLength(3 + (ITEMS - 1));
		expectOneErrorItemPerInput(run, /rate limit was still exceeded/);
		expect(run.items[0].json.description).toMatch(/Retries stopped early/);
		expect(run.items[0].json.httpCode).toBe('429');
		expect(seconds).toBeLessThan(5 * TIMEOUT_SECONDS + 3);
	});
});

describe('credential', () => {
	test('a Base URL with a password is refused before any request, without repeating it', async () => {
		const credentials = {
			...od.credentials(),
			baseUrl: od.server.url.replace('http://', 'http://admin:hunter2-secret@'),
		};
		const run = await getInteractions({ credentials, continueOnFail: false });
		expect(run.error?.message).toBe(
			"The credential's Base URL must not contain a user name or password",
		);
		expect(allText(run.error)).not.toContain('hunter2-secret');
		expect(od.server.apiRequests()).toHaveLength(0);
	});

	test('a token pasted with spaces around it is sent trimmed', async () => {
		const credentials = { ...od.credentials(), apiToken: `  ${TOKEN}\n` };
		const run = await getInteractions({ credentials, items: [{ json: {} }] });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(20);
		expect(od.server.apiRequests()[0].authorized).toBe(true);
	});
});
