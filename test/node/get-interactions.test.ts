import { OpenDialogGetInteractions } from '../../nodes/OpenDialogGetInteractions/OpenDialogGetInteractions.node';
import { MAX_RETRIES } from '../../nodes/shared/transport/request';
import { useLocalOpenDialog } from '../helpers/local-server';
import { runNode, type RunNodeOptions } from '../helpers/run-node';

const od = useLocalOpenDialog();
const DAY = { from: '2024-05-01T00:00:00', to: '2024-05-01T23:59:59' };

function getInteractions(parameters: Record<string, unknown>, extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		node: new OpenDialogGetInteractions(),
		parameters: { ...DAY, outputMode: 'perUser', ...parameters },
		credentials: od.credentials(),
		...extra,
	});
}

function seedTwoUsers() {
	od.server.addMessages([
		{
			user_id: 'ann',
			date: '2024-05-01 10:00:05',
			text: 'second',
			chatbot_user_data: { first_name: 'Ann' },
		},
		{ user_id: 'ann', date: '2024-05-01 10:00:00', text: 'first' },
		{
			user_id: 'ben',
			date: '2024-05-01 11:00:00',
			type: 'button_response',
			data: { value: 'yes' },
		},
		{ user_id: 'cat', date: '2024-05-03 11:00:00', text: 'outside the range' },
	]);
}

describe('OpenDialog Get Interactions', () => {
	test('outputs one item per user with the user id lifted in and interactions by date', async () => {
		seedTwoUsers();
		const run = await getInteractions({});
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.user_id)).toEqual(['ann', 'ben']);
		expect(run.items[0].json).toEqual({
			user_id: 'ann',
			chatbot_user_data: { first_name: 'Ann' },
			from: '2024-05-01T00:00:00.000000Z',
			to: '2024-05-01T23:59:59.000000Z',
			interactions: [
				{ type: 'text', date: '2024-05-01T10:00:00.000000Z', text: 'first', data: null },
				{ type: 'text', date: '2024-05-01T10:00:05.000000Z', text: 'second', data: null },
			],
		});
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('outputs one item per interaction carrying the user id', async () => {
		seedTwoUsers();
		const run = await getInteractions({ outputMode: 'perInteraction' });
		expect(run.items.map((item) => [item.json.user_id, item.json.date])).toEqual([
			['ann', '2024-05-01T10:00:00.000000Z'],
			['ann', '2024-05-01T10:00:05.000000Z'],
			['ben', '2024-05-01T11:00:00.000000Z'],
		]);
		expect(run.items[2].json).toMatchObject({ type: 'button_response', data: { value: 'yes' } });
	});

	test('reads interactions PHP sent as an object with holes, in key order, none lost', async () => {
		seedTwoUsers();
		od.server.configure({ interactionsWithHoles: true });
		const run = await getInteractions({ options: { sortByDate: false } });
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => [item.json.user_id, item.json.interactions])).toEqual([
			[
				'ann',
				[expect.objectContaining({ text: 'second' }), expect.objectContaining({ text: 'first' })],
			],
			['ben', [expect.objectContaining({ type: 'button_response' })]],
		]);
	});

	test('reads a buffered answer with Content-Length as a plain Laravel app sends it', async () => {
		seedTwoUsers();
		od.server.configure({ answerStyle: 'laravel' });
		const run = await getInteractions({ outputMode: 'perInteraction' });
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => [item.json.user_id, item.json.text])).toEqual([
			['ann', 'first'],
			['ann', 'second'],
			['ben', ''],
		]);
	});

	test('sends a bearer token, the JSON Accept header and UTC dates in the API format', async () => {
		await getInteractions(
			{ from: '2024-05-01T00:00:00', to: '2024-05-01T12:00:00' },
			{ timezone: 'America/New_York' },
		);
		const [request] = od.server.apiRequests('interactions');
		expect(request.path).toBe('/public/api/user-interactions');
		expect(request.authorized).toBe(true);
		expect(request.accept).toBe('application/json');
		expect(request.query).toEqual({ from: '2024-05-01 04:00:00', to: '2024-05-01 16:00:00' });
	});

	test('accepts luxon expressions such as $now for the dates', async () => {
		od.server.addMessages([
			{ user_id: 'now', date: new Date(Date.now() - 3_600_000).toISOString() },
		]);
		const run = await getInteractions({
			from: '={{ $now.minus({ days: 1 }) }}',
			to: '={{ $now }}',
		});
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.user_id)).toEqual(['now']);
	});

	test('uses the legacy paths when the credential says so', async () => {
		seedTwoUsers();
		const run = await getInteractions({}, { credentials: od.credentials('legacy') });
		expect(run.items).toHaveLength(2);
		expect(od.server.apiRequests('interactions')[0].path).toBe('/api/user-interactions');
	});

	test('sends the public API filters as query parameters', async () => {
		seedTwoUsers();
		const run = await getInteractions({ filters: { userId: 'ben', selectedScenario: '' } });
		expect(run.items.map((item) => item.json.user_id)).toEqual(['ben']);
		expect(od.server.apiRequests('interactions')[0].query).toMatchObject({ user_id: 'ben' });
	});

	describe('windowed ranges', () => {
		const tenant = {
			users: 300,
			interactionsPerUser: 20,
			from: Date.UTC(2024, 4, 1) / 1000,
			to: Date.UTC(2024, 4, 3) / 1000 - 1,
			seed: 7,
		};
		const RANGE = { from: '2024-05-01T00:00:00', to: '2024-05-02T23:59:59' };

		test('merge to the same users and interactions as one request, one request per window', async () => {
			od.server.configure({ tenant });
			const whole = await getInteractions(RANGE);
			const windowed = await getInteractions({ ...RANGE, options: { windowHours: 5 } });
			expect(od.server.apiRequests('interactions')).toHaveLength(1 + 10);
			expect(windowed.items).toHaveLength(300);
			const byUser = (run: typeof whole) =>
				run.items
					.map((item) => item.json)
					.sort((a, b) => String(a.user_id).localeCompare(String(b.user_id)));
			expect(byUser(windowed)).toEqual(byUser(whole));
		});

		test('lose and duplicate nothing at window edges', async () => {
			od.server.addMessages(
				[
					'2024-05-01 05:59:59',
					'2024-05-01 06:00:00',
					'2024-05-01 06:00:01',
					'2024-05-01 11:59:59',
					'2024-05-01 12:00:00',
				].map((date) => ({ user_id: 'edge', date, text: date })),
			);
			const run = await getInteractions({
				from: '2024-05-01T00:00:00',
				to: '2024-05-01T12:00:00',
				options: { windowHours: 6 },
			});
			expect(run.items).toHaveLength(1);
			expect(
				(run.items[0].json.interactions as Array<{ text: string }>).map((i) => i.text),
			).toEqual([
				'2024-05-01 05:59:59',
				'2024-05-01 06:00:00',
				'2024-05-01 06:00:01',
				'2024-05-01 11:59:59',
				'2024-05-01 12:00:00',
			]);
		});
	});

	test('runs once per input item, each output paired with its item', async () => {
		seedTwoUsers();
		const run = await getInteractions(
			{ filters: { userId: '={{ $json.who }}' } },
			{ items: [{ json: { who: 'ben' } }, { json: { who: 'ann' } }] },
		);
		expect(run.items.map((item) => [item.json.user_id, item.pairedItem])).toEqual([
			['ben', { item: 0 }],
			['ann', { item: 1 }],
		]);
	});

	describe('bad input', () => {
		test("'From' after 'To' fails before any request, naming the parameters and the item", async () => {
			const run = await getInteractions({ from: '2024-05-02T00:00:00', to: '2024-05-01T00:00:00' });
			expect(run.error?.message).toMatch(
				/^'From' \(2024-05-02 00:00:00 UTC\) is after 'To'.*\[item 0\]$/,
			);
			expect(run.error?.name).toBe('NodeOperationError');
			expect(od.server.apiRequests()).toHaveLength(0);
		});

		test('an unparseable date fails with the parameter named', async () => {
			const run = await getInteractions({ to: 'soon' });
			expect(run.error?.message).toBe(`'To' is not a date: "soon" [item 0]`);
		});

		test('filters with the legacy API fail before any request', async () => {
			const run = await getInteractions(
				{ filters: { userId: 'x' } },
				{ credentials: od.credentials('legacy') },
			);
			expect(run.error?.message).toMatch(/Filters need the public OpenDialog API/);
			expect(od.server.apiRequests()).toHaveLength(0);
		});

		test('with Continue On Fail a bad item becomes an error item and the others still run', async () => {
			seedTwoUsers();
			const run = await getInteractions(
				{ to: '={{ $json.to }}' },
				{
					continueOnFail: true,
					items: [{ json: { to: 'never' } }, { json: { to: '2024-05-01T23:59:59' } }],
				},
			);
			expect(run.error).toBeUndefined();
			expect(run.items[0]).toEqual({
				json: {
					error: `'To' is not a date: "never" [item 0]`,
					description: expect.stringMatching(/epoch seconds or milliseconds/),
				},
				pairedItem: { item: 0 },
			});
			expect(run.items.slice(1).map((item) => [item.json.user_id, item.pairedItem])).toEqual([
				['ann', { item: 1 }],
				['ben', { item: 1 }],
			]);
		});
	});

	describe('API failures', () => {
		test('a wrong token says to check the API token and never shows it', async () => {
			const credentials = { ...od.credentials(), apiToken: 'wrong-token-5b1e' };
			const run = await getInteractions({}, { credentials });
			expect(run.error?.message).toMatch(/rejected the API token \(401/);
			expect(run.error?.description).toMatch(/API token/);
			expect(JSON.stringify(run.error)).not.toContain('wrong-token-5b1e');
			expect(String(run.error?.stack)).not.toContain('wrong-token-5b1e');
		});

		test('a workspace without the chosen API generation says to check the URL and API version', async () => {
			od.server.configure({ generations: ['public'] });
			const run = await getInteractions({}, { credentials: od.credentials('legacy') });
			expect(run.error?.message).toMatch(/no legacy API at this address \(404/);
			expect(run.error?.description).toMatch(/Base URL.*API Version/);
		});

		test("a 422 shows the server's field messages", async () => {
			od.server.injectFaults({
				status: 422,
				body: JSON.stringify({
					message: 'The given data was invalid.',
					errors: { from: ['The from is not a valid date.'] },
				}),
			});
			const run = await getInteractions({});
			expect(run.error?.message).toMatch(
				/OpenDialog rejected the request: from: The from is not a valid date\./,
			);
		});

		test('an HTML page instead of JSON is an error, not items', async () => {
			od.server.injectFaults({
				status: 200,
				body: '<!DOCTYPE html><html><body>Sign in</body></html>',
			});
			const run = await getInteractions({});
			expect(run.items).toHaveLength(0);
			expect(run.error?.message).toMatch(/HTML page instead of JSON/);
		});

		test('JSON without the data list says to check the Base URL and API version', async () => {
			od.server.injectFaults({ status: 200, body: JSON.stringify({ message: 'ok' }) });
			const run = await getInteractions({});
			expect(run.items).toHaveLength(0);
			expect(run.error?.message).toBe(
				'OpenDialog answered without the expected "data" list of users; check the Base URL and API Version of the credential [item 0]',
			);
		});

		test('429 is retried after Retry-After and then succeeds', async () => {
			seedTwoUsers();
			od.server.injectFaults({ status: 429, retryAfter: 1 });
			const started = Date.now();
			const run = await getInteractions({});
			expect(run.error).toBeUndefined();
			expect(run.items).toHaveLength(2);
			expect(od.server.apiRequests().map((request) => request.status)).toEqual([429, 200]);
			expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		});

		test('5xx is retried with backoff a bounded number of times, then fails clearly', async () => {
			od.server.injectFaults({ status: 503, retryAfter: 0, times: 100 });
			const run = await getInteractions({});
			expect(od.server.apiRequests()).toHaveLength(MAX_RETRIES + 1);
			expect(run.error?.message).toMatch(/server error \(503\) 6 times in a row/);
		});

		test('an unreachable server names the URL, not the token', async () => {
			const credentials = { ...od.credentials(), baseUrl: 'http://127.0.0.1:9' };
			const run = await getInteractions({}, { credentials });
			expect(run.error?.message).toMatch(/Could not reach OpenDialog at http:\/\/127\.0\.0\.1:9/);
			expect(JSON.stringify(run.error)).not.toContain(od.server.config.token);
		});
	});
});
