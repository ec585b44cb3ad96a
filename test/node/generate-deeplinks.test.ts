import type { INodeExecutionData } from 'n8n-workflow';

import { OpenDialogGenerateWebchatDeeplinks } from '../../nodes/OpenDialogGenerateWebchatDeeplinks/OpenDialogGenerateWebchatDeeplinks.node';
import { useLocalOpenDialog } from '../helpers/local-server';
import { runNode, type RunNodeOptions } from '../helpers/run-node';

const od = useLocalOpenDialog();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const contacts = (count: number): INodeExecutionData[] =>
	Array.from({ length: count }, (_, n) => ({
		json: { n, email: `c${n}@example.com`, first_name: `Contact ${n}` },
	}));

function generate(parameters: Record<string, unknown>, extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		node: new OpenDialogGenerateWebchatDeeplinks(),
		parameters: {
			scenarioBy: 'id',
			scenarioId: 'scn-welcome',
			attributesMode: 'allFields',
			...parameters,
		},
		credentials: od.credentials(),
		items: contacts(3),
		...extra,
	});
}

/** What the server stored behind an output item's link. */
function linkBehind(item: INodeExecutionData) {
	const url = (item.json.deeplink as { url: string }).url;
	return od.server.links.get(url.split('/').pop()!);
}

describe('OpenDialog Generate Webchat Deeplinks', () => {
	test('batches 250 items into 3 requests and gives every item its own link, in order', async () => {
		const run = await generate({ userId: '={{ $json.email }}' }, { items: contacts(250) });
		expect(run.error).toBeUndefined();
		const requests = od.server.apiRequests('deeplinks');
		expect(
			requests.map((request) => (request.body as { dataset: unknown[] }).dataset.length),
		).toEqual([100, 100, 50]);
		expect(run.items).toHaveLength(250);
		run.items.forEach((item, n) => {
			expect(item.pairedItem).toEqual({ item: n });
			expect(item.json).toMatchObject({
				n,
				email: `c${n}@example.com`,
				deeplink: { user_id: `c${n}@example.com` },
			});
			expect(linkBehind(item)).toMatchObject({
				userId: `c${n}@example.com`,
				attributes: { n, first_name: `Contact ${n}` },
			});
		});
	});

	test('puts server-generated user ids on the right items', async () => {
		const run = await generate({}, { items: contacts(5) });
		for (const item of run.items) {
			const { user_id: userId } = item.json.deeplink as { user_id: string };
			expect(userId).toMatch(UUID);
			expect(linkBehind(item)).toMatchObject({ userId, attributes: { n: item.json.n } });
		}
		expect(
			(od.server.apiRequests('deeplinks')[0].body as { dataset: object[] }).dataset[0],
		).not.toHaveProperty('user_id');
	});

	test('sends the scenario, the bearer token and the JSON Accept header to the public endpoint', async () => {
		await generate({});
		const [request] = od.server.apiRequests('deeplinks');
		expect(request).toMatchObject({
			method: 'POST',
			path: '/public/api/generate-webchat-deep-link',
			authorized: true,
			accept: 'application/json',
		});
		expect(request.body).toMatchObject({ scenario_id: 'scn-welcome' });
	});

	test('names the scenario by alias when asked, on the legacy endpoint too', async () => {
		const run = await generate(
			{ scenarioBy: 'alias', scenarioAlias: 'claims' },
			{ credentials: od.credentials('legacy') },
		);
		expect(run.error).toBeUndefined();
		const [request] = od.server.apiRequests('deeplinks');
		expect(request.path).toBe('/api/generate-webchat-deeplink');
		expect(request.body).toMatchObject({ scenario_alias: 'claims' });
		expect(linkBehind(run.items[0])?.scenarioId).toBe('scn-claims');
	});

	test('sends name/value pairs in Define Below mode and an object in JSON mode', async () => {
		await generate({
			attributesMode: 'defineBelow',
			attributes: { attribute: [{ name: 'greeting', value: '={{ "Hi " + $json.first_name }}' }] },
		});
		await generate({
			attributesMode: 'json',
			attributesJson: '={{ { plan: "gold", n: $json.n, tags: ["a", "b"] } }}',
		});
		const [defined, json] = od.server
			.apiRequests('deeplinks')
			.map((r) => (r.body as { dataset: object[] }).dataset[1]);
		expect(defined).toEqual({ attributes: { greeting: 'Hi Contact 1' } });
		expect(json).toEqual({ attributes: { plan: 'gold', n: 1, tags: ['a', 'b'] } });
	});

	test('writes the link to the chosen field, or outputs only the link', async () => {
		const named = await generate({ options: { outputField: 'webchat' } });
		expect(named.items[0].json).toMatchObject({
			n: 0,
			webchat: { url: expect.stringContaining('/s/') },
		});
		const only = await generate({ options: { linkOnly: true } });
		expect(Object.keys(only.items[0].json).sort()).toEqual(['url', 'user_id']);
	});

	test('an AI agent asking for one contact costs one request', async () => {
		const run = await generate(
			{ userId: 'agent-contact' },
			{ items: [{ json: { first_name: 'Ann' } }] },
		);
		expect(run.items[0].json.deeplink).toMatchObject({ user_id: 'agent-contact' });
		expect(od.server.apiRequests('deeplinks')).toHaveLength(1);
	});

	describe('bad input', () => {
		const withBadRow = () => {
			const items = contacts(5);
			items[2] = { json: { n: 2, address: { city: 'Leeds' } } };
			return items;
		};

		test('a nested object fails before any request, naming the item', async () => {
			const run = await generate({}, { items: withBadRow() });
			expect(run.error?.message).toBe(
				"Attribute 'address' is an object (nested fields address.city) [item 2]",
			);
			expect(run.error?.description).toMatch(/Define Below/);
			expect(od.server.apiRequests()).toHaveLength(0);
		});

		test('with Continue On Fail the bad item becomes an error item and the others get links', async () => {
			const run = await generate({}, { items: withBadRow(), continueOnFail: true });
			expect(run.items).toHaveLength(5);
			expect(run.items[2]).toEqual({
				json: {
					error: "Attribute 'address' is an object (nested fields address.city) [item 2]",
					description: expect.stringMatching(/Define Below/),
				},
				pairedItem: { item: 2 },
			});
			expect([0, 1, 3, 4].map((n) => linkBehind(run.items[n])?.attributes.n)).toEqual([0, 1, 3, 4]);
			expect(od.server.apiRequests('deeplinks')).toHaveLength(1);
		});

		test('a scenario ID expression that comes out empty is an error before any request', async () => {
			const run = await generate({ scenarioId: '={{ $json.scenario }}' });
			expect(run.error?.message).toBe("'Scenario ID' is empty [item 0]");
			expect(od.server.apiRequests()).toHaveLength(0);
		});

		test("an unknown scenario shows OpenDialog's message for the batch", async () => {
			const run = await generate({ scenarioId: 'nope' });
			expect(run.error?.message).toBe(
				'OpenDialog rejected the request: scenario_id: The selected scenario does not exist. [items 0–2]',
			);
		});

		test('a batch larger than the workspace allows is refused with its message', async () => {
			od.server.configure({ maxDatasetRows: 2 });
			const run = await generate({});
			expect(run.error?.message).toMatch(/dataset: Maximum number of users is 2/);
		});
	});

	describe('a row OpenDialog rejects in the middle of a batch', () => {
		const rejectRow = (position: number) =>
			od.server.injectFaults({
				status: 422,
				body: JSON.stringify({
					message: 'The given data was invalid.',
					errors: { [`dataset.${position}.attributes.plan`]: ['The selected plan is invalid.'] },
				}),
			});

		test('without Continue On Fail the error names the input item', async () => {
			rejectRow(1);
			const run = await generate({}, { items: contacts(150) });
			expect(run.error?.message).toBe(
				'OpenDialog rejected this item: attributes.plan: The selected plan is invalid. [item 1]',
			);
		});

		test('with Continue On Fail the row becomes an error item and the rest of its batch is resent', async () => {
			od.server.injectFaults({
				skip: 1,
				status: 422,
				body: JSON.stringify({
					errors: { 'dataset.7.attributes.plan': ['The selected plan is invalid.'] },
				}),
			});
			const run = await generate({}, { items: contacts(150), continueOnFail: true });
			expect(run.items).toHaveLength(150);
			expect(run.items[107].json.error).toBe(
				'OpenDialog rejected this item: attributes.plan: The selected plan is invalid. [item 107]',
			);
			expect(run.items[107].pairedItem).toEqual({ item: 107 });
			const linked = run.items.filter((item) => item.json.deeplink);
			expect(linked).toHaveLength(149);
			linked.forEach((item) => expect(linkBehind(item)?.attributes.n).toBe(item.json.n));
			const sizes = od.server
				.apiRequests('deeplinks')
				.map((r) => (r.body as { dataset: unknown[] }).dataset.length);
			expect(sizes).toEqual([100, 50, 49]);
		});
	});

	describe('API failures', () => {
		test('a rate limit slows the node down instead of failing it', async () => {
			od.server.configure({ rateLimit: { perMinute: 2, windowSeconds: 1 } });
			const run = await generate({ options: { batchSize: 1 } }, { items: contacts(5) });
			expect(run.error).toBeUndefined();
			const statuses = od.server.apiRequests('deeplinks').map((request) => request.status);
			expect(statuses).toContain(429);
			expect(statuses.filter((status) => status === 200)).toHaveLength(5);
			expect(run.items.map((item) => linkBehind(item)?.attributes.n)).toEqual([0, 1, 2, 3, 4]);
		});

		test('429 is retried after Retry-After, then every item gets its link', async () => {
			od.server.injectFaults({ status: 429, retryAfter: 1 });
			const run = await generate({}, { items: contacts(120) });
			expect(run.error).toBeUndefined();
			expect(od.server.apiRequests('deeplinks').map((request) => request.status)).toEqual([
				429, 200, 200,
			]);
			expect(run.items.every((item) => item.json.deeplink)).toBe(true);
		});

		test('full-page webchat switched off says how to switch it on', async () => {
			od.server.configure({ fullpageWebchat: false });
			const run = await generate({});
			expect(run.error?.message).toBe(
				'Full-page webchat is not enabled in OpenDialog (404) [items 0–2]',
			);
			expect(run.error?.description).toMatch(/Enable full-page webchat for this scenario/);
		});

		test('an answer with the wrong number of links is an error, never a mis-mapping', async () => {
			od.server.injectFaults({
				status: 200,
				body: JSON.stringify([{ user_id: 'x', url: 'http://short/x' }]),
			});
			const run = await generate({});
			expect(run.error?.message).toBe(
				'OpenDialog returned 1 links for 3 users; they cannot be matched to items safely [items 0–2]',
			);
		});

		test('a later batch failing keeps the links already generated with Continue On Fail', async () => {
			od.server.injectFaults({ skip: 1, status: 500, retryAfter: 0, times: 100 });
			const run = await generate({}, { items: contacts(150), continueOnFail: true });
			expect(run.items.slice(0, 100).every((item) => item.json.deeplink)).toBe(true);
			expect(run.items[100].json.error).toBe(
				'OpenDialog failed with a server error (500) [item 100]',
			);
			expect(run.items.slice(100).map((item) => item.pairedItem)).toEqual(
				Array.from({ length: 50 }, (_, n) => ({ item: 100 + n })),
			);
		});

		test('a later batch failing without Continue On Fail says which items got links', async () => {
			od.server.injectFaults({ skip: 1, status: 500, retryAfter: 0, times: 100 });
			const run = await generate({}, { items: contacts(150) });
			expect(run.error?.message).toBe(
				'OpenDialog failed with a server error (500) [items 100–149]',
			);
			expect(run.error?.description).toMatch(
				/Links were already generated for items 0–99; items 100–149 got none/,
			);
		});

		test('a wrong token fails with a clear message and never shows the token', async () => {
			const run = await generate(
				{},
				{ credentials: { ...od.credentials(), apiToken: 'nope-token-1234' } },
			);
			expect(run.error?.message).toMatch(/rejected the API token/);
			expect(JSON.stringify(run.error)).not.toContain('nope-token-1234');
		});
	});
});
