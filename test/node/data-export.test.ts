import { OpenDialogDataExport } from '../../nodes/OpenDialogDataExport/OpenDialogDataExport.node';
import { useLocalOpenDialog } from '../helpers/local-server';
import { runNode, type RunNodeOptions } from '../helpers/run-node';

const od = useLocalOpenDialog();
const USER_EXPORT = '/public/api/user-data-export';
const ANALYTICS_EXPORT = '/public/api/analytics-data-export';

function dataExport(parameters: Record<string, unknown>, extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		node: new OpenDialogDataExport(),
		parameters: { operation: 'getAll', ...parameters },
		credentials: od.credentials(),
		...extra,
	});
}

function requestsTo(path: string) {
	return od.server.requests.filter((request) => request.path === path);
}

/** Seven generated users; users 0, 3 and 6 talk to the welcome scenario. */
function seedTenant() {
	od.server.configure({
		tenant: {
			users: 7,
			interactionsPerUser: 2,
			from: Date.parse('2024-05-01T00:00:00Z') / 1000,
			to: Date.parse('2024-05-01T23:59:59Z') / 1000,
			seed: 1,
		},
	});
}

const RECORD = {
	scenario_id: 'scn-claims',
	anonymous_id: 'anon-1',
	user_id: 'u1',
	event: null,
	name: null,
	traits: '{}',
	context: '{"os":"iOS"}',
};

function seedClickstream() {
	od.server.configure({
		dataExports: {
			userDataEnabled: true,
			analyticsEnabled: true,
			clickstream: [
				{
					...RECORD,
					type: 'page',
					name: 'Webchat',
					properties: '{"url":"/chat"}',
					message_id: 'm1',
					timestamp: '2024-05-01 09:00:00',
				},
				{
					...RECORD,
					type: 'event',
					event: 'text',
					properties: '{"text":"broken',
					message_id: 'm2',
					timestamp: '2024-05-01 09:00:05',
				},
				{
					...RECORD,
					type: 'identify',
					user_id: 'u2',
					traits: '{"email":"ben@example.com"}',
					properties: '{}',
					message_id: 'm3',
					timestamp: '2024-05-02 10:00:00',
				},
			],
			experiments: [{ scenario_id: 'scn-claims', flag_name: 'greeting', variant_assigned: 'B' }],
		},
	});
}

describe('OpenDialog Data Export: User Data Export', () => {
	test('Return All follows every page: one item per user, paired with the input item', async () => {
		seedTenant();
		const run = await dataExport({
			resource: 'userDataExport',
			returnAll: true,
			options: { pageSize: 3 },
		});
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.user_id)).toEqual([
			'user-000000',
			'user-000001',
			'user-000002',
			'user-000003',
			'user-000004',
			'user-000005',
			'user-000006',
		]);
		expect(run.items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		expect(requestsTo(USER_EXPORT).map((request) => request.query)).toEqual([
			{ exportType: 'json', perPage: '3', page: '1' },
			{ exportType: 'json', perPage: '3', page: '2' },
			{ exportType: 'json', perPage: '3', page: '3' },
		]);
		expect(
			requestsTo(USER_EXPORT).every((r) => r.authorized && r.accept === 'application/json'),
		).toBe(true);
	});

	test('each user carries profile, attributes by name and the whole conversation, bot included', async () => {
		od.server.addMessages([
			{
				user_id: 'ann',
				date: '2024-05-01 09:00:00',
				text: 'hello',
				chatbot_user_data: { first_name: 'Ann' },
			},
		]);
		const run = await dataExport({ resource: 'userDataExport', returnAll: true });
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({
			user_id: 'ann',
			chatbot_user_data: { first_name: 'Ann' },
			attributes: { first_seen: Date.parse('2024-05-01T09:00:00Z') / 1000, first_name: 'Ann' },
			interactions: [
				{ author: 'ann', type: 'text', text: 'hello' },
				{ author: 'them', type: 'text', text: 'You said: hello' },
			],
		});
	});

	test('Limit stops fetching once enough users came back', async () => {
		seedTenant();
		const run = await dataExport({
			resource: 'userDataExport',
			returnAll: false,
			limit: 4,
			options: { pageSize: 3 },
		});
		expect(run.items).toHaveLength(4);
		expect(requestsTo(USER_EXPORT).map((request) => request.query.page)).toEqual(['1', '2']);
	});

	test('a Limit below the page size asks for a page of that size only', async () => {
		seedTenant();
		const run = await dataExport({ resource: 'userDataExport', returnAll: false, limit: 2 });
		expect(run.items).toHaveLength(2);
		expect(requestsTo(USER_EXPORT).map((request) => request.query.perPage)).toEqual(['2']);
	});

	test('sends From and To in UTC in the API format', async () => {
		await dataExport(
			{
				resource: 'userDataExport',
				returnAll: true,
				options: { from: '2024-05-01T00:00:00', to: '2024-05-01T12:00:00' },
			},
			{ timezone: 'America/New_York' },
		);
		expect(requestsTo(USER_EXPORT)[0].query).toMatchObject({
			from: '2024-05-01 04:00:00',
			to: '2024-05-01 16:00:00',
		});
	});

	test('uses the public API even when the credential is set to legacy', async () => {
		seedTenant();
		const run = await dataExport(
			{ resource: 'userDataExport', returnAll: true },
			{ credentials: od.credentials('legacy') },
		);
		expect(run.items).toHaveLength(7);
		expect(requestsTo(USER_EXPORT)).toHaveLength(1);
	});

	test('a rate limit in the middle of the export is waited out and no user is lost', async () => {
		seedTenant();
		od.server.injectFaults({
			path: 'user-data-export',
			status: 429,
			retryAfter: 0,
			body: '{"message":"Too many export requests. Please try again later."}',
			skip: 1,
		});
		const run = await dataExport({
			resource: 'userDataExport',
			returnAll: true,
			options: { pageSize: 3 },
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(7);
		expect(requestsTo(USER_EXPORT).map((request) => [request.query.page, request.status])).toEqual([
			['1', 200],
			['2', 429],
			['2', 200],
			['3', 200],
		]);
	});
});

describe('OpenDialog Data Export: Analytics Data Export', () => {
	test('outputs one item per record over every page, properties, traits and context decoded', async () => {
		seedClickstream();
		const run = await dataExport({
			resource: 'analyticsDataExport',
			scenarioId: 'scn-claims',
			returnAll: true,
			options: { pageSize: 2 },
		});
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.message_id)).toEqual(['m1', 'm2', 'm3']);
		expect(run.items[0].json).toMatchObject({
			type: 'page',
			properties: { url: '/chat' },
			context: { os: 'iOS' },
			traits: {},
		});
		expect(run.items[2].json.traits).toEqual({ email: 'ben@example.com' });
		expect(requestsTo(ANALYTICS_EXPORT).map((request) => request.query)).toEqual([
			{ scenario_id: 'scn-claims', per_page: '2', page: '1' },
			{ scenario_id: 'scn-claims', per_page: '2', page: '2' },
		]);
	});

	test('a field that is not valid JSON keeps its raw text', async () => {
		seedClickstream();
		const run = await dataExport({
			resource: 'analyticsDataExport',
			scenarioId: 'scn-claims',
			returnAll: true,
		});
		expect(run.items[1].json.properties).toBe('{"text":"broken');
	});

	test('JSON text with a number no double can hold keeps its raw text, so n8n can store it', async () => {
		seedClickstream();
		od.server.configure({
			dataExports: {
				...od.server.config.dataExports,
				clickstream: [
					{
						...RECORD,
						type: 'event',
						properties: '{"amount":1e400}',
						traits: '{"score":-1e999,"ok":1}',
						message_id: 'm1',
						timestamp: '2024-05-01 09:00:00',
					},
				],
			},
		});
		const run = await dataExport({
			resource: 'analyticsDataExport',
			scenarioId: 'scn-claims',
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({
			properties: '{"amount":1e400}',
			traits: '{"score":-1e999,"ok":1}',
			context: { os: 'iOS' },
		});
	});

	test('with decoding off the JSON text is left as OpenDialog sent it', async () => {
		seedClickstream();
		const run = await dataExport({
			resource: 'analyticsDataExport',
			scenarioId: 'scn-claims',
			returnAll: true,
			options: { decodeJsonFields: false },
		});
		expect(run.items[0].json.properties).toBe('{"url":"/chat"}');
	});

	test('sends the filters and outputs each experiment once after the records', async () => {
		seedClickstream();
		const run = await dataExport({
			resource: 'analyticsDataExport',
			scenarioId: 'scn-claims',
			returnAll: true,
			filters: { startDate: '2024-05-01', endDate: '2024-05-01', chatbotUserId: 'u1' },
			options: { includeFlagData: true, pageSize: 1 },
		});
		expect(run.items.map((item) => item.json.type)).toEqual(['page', 'event', 'experiment']);
		expect(run.items[2].json).toEqual({
			type: 'experiment',
			scenario_id: 'scn-claims',
			flag_name: 'greeting',
			variant_assigned: 'B',
		});
		expect(requestsTo(ANALYTICS_EXPORT)[0].query).toEqual({
			scenario_id: 'scn-claims',
			start_date: '2024-05-01',
			end_date: '2024-05-01',
			chatbot_user_id: 'u1',
			include_flag_data: '1',
			per_page: '1',
			page: '1',
		});
	});

	test('records generated from a tenant, many pages of them, all arrive once', async () => {
		seedTenant();
		const run = await dataExport({
			resource: 'analyticsDataExport',
			scenarioId: 'scn-welcome',
			returnAll: true,
			options: { pageSize: 4 },
		});
		// Users 0, 3 and 6: an identify record and two interactions each.
		expect(run.items).toHaveLength(9);
		expect(new Set(run.items.map((item) => item.json.message_id)).size).toBe(9);
		expect(requestsTo(ANALYTICS_EXPORT)).toHaveLength(3);
	});
});

describe('OpenDialog Data Export: several items and errors', () => {
	test('runs once per input item, each output paired with the item it came from', async () => {
		seedTenant();
		const run = await dataExport(
			{
				resource: 'analyticsDataExport',
				scenarioId: '={{ $json.scenario }}',
				returnAll: true,
			},
			{ items: [{ json: { scenario: 'scn-claims' } }, { json: { scenario: 'scn-welcome' } }] },
		);
		const scenariosByItem = run.items.map((item) => [
			(item.pairedItem as { item: number }).item,
			item.json.scenario_id,
		]);
		expect(
			scenariosByItem.filter(([item]) => item === 0).every(([, s]) => s === 'scn-claims'),
		).toBe(true);
		expect(scenariosByItem.filter(([item]) => item === 1)).toHaveLength(9);
		expect(
			scenariosByItem.filter(([item]) => item === 1).every(([, s]) => s === 'scn-welcome'),
		).toBe(true);
	});

	test('an export not enabled for the workspace (403) says so and names the item', async () => {
		od.server.configure({ dataExports: { userDataEnabled: true, analyticsEnabled: false } });
		const run = await dataExport({
			resource: 'analyticsDataExport',
			scenarioId: 'scn-claims',
			returnAll: true,
		});
		expect(run.error?.message).toBe(
			'The Analytics Data Export is not enabled for this OpenDialog workspace (403 Forbidden) [item 0]',
		);
		expect(run.error?.description).toMatch(/enable the Analytics Data Export/);
	});

	test('with Continue On Fail a failed item is an error item with message, description and HTTP code; the others still run', async () => {
		seedClickstream();
		// The first request, item 0's, meets a workspace without the export.
		od.server.injectFaults({
			path: 'analytics-data-export',
			status: 403,
			body: '{"message":"This feature is not enabled for this workspace."}',
		});
		const run = await dataExport(
			{ resource: 'analyticsDataExport', scenarioId: 'scn-claims', returnAll: true },
			{ continueOnFail: true, items: [{ json: {} }, { json: {} }] },
		);
		expect(run.error).toBeUndefined();
		expect(run.items[0]).toEqual({
			json: {
				error:
					'The Analytics Data Export is not enabled for this OpenDialog workspace (403 Forbidden) [item 0]',
				description: expect.stringMatching(/enable the Analytics Data Export/),
				httpCode: '403',
			},
			pairedItem: { item: 0 },
		});
		expect(run.items.slice(1).map((item) => item.pairedItem)).toEqual([
			{ item: 1 },
			{ item: 1 },
			{ item: 1 },
		]);
		expect(JSON.stringify(run.items)).not.toContain(od.server.config.token);
	});

	test("a 422 shows OpenDialog's field messages and names the item", async () => {
		od.server.injectFaults({
			path: 'analytics-data-export',
			status: 422,
			body: JSON.stringify({
				message: 'The selected scenario id is invalid.',
				errors: { scenario_id: ['The selected scenario id is invalid.'] },
			}),
		});
		const run = await dataExport({
			resource: 'analyticsDataExport',
			scenarioId: 'scn-unknown',
			returnAll: true,
		});
		expect(run.error?.message).toBe(
			'OpenDialog rejected the request: scenario_id: The selected scenario id is invalid. [item 0]',
		);
	});

	test('invalid parameters fail before any request, naming the parameter and the item', async () => {
		const run = await dataExport({
			resource: 'userDataExport',
			returnAll: true,
			options: { from: '2024-05-01T00:00:00' },
		});
		expect(run.error?.message).toBe("'From' and 'To' must be set together [item 0]");
		expect(requestsTo(USER_EXPORT)).toHaveLength(0);
	});

	test('a wrong token says to check the API token and never shows it', async () => {
		const run = await dataExport(
			{ resource: 'userDataExport', returnAll: true },
			{ credentials: { ...od.credentials(), apiToken: 'wrong-token-5d1e' } },
		);
		expect(run.error?.message).toMatch(/OpenDialog rejected the API token \(401/);
		expect(JSON.stringify(run.error)).not.toContain('wrong-token-5d1e');
	});
});

describe('OpenDialog Data Export: a page that fails', () => {
	jest.setTimeout(30_000);

	/** Every request to `path` after the first `skip` meets the fault, retries included. */
	function keepFailing(path: string, kind: 'silent' | 'reset', skip: number) {
		od.server.injectFaults({ path, transport: { kind }, skip, times: 100 });
	}

	test('a connection reset on a page is retried and no user is lost', async () => {
		seedTenant();
		od.server.injectFaults({ path: 'user-data-export', transport: { kind: 'reset' }, skip: 1 });
		const run = await dataExport({
			resource: 'userDataExport',
			returnAll: true,
			options: { pageSize: 3, timeout: 1 },
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(7);
		expect(requestsTo(USER_EXPORT).map((r) => [r.query.page, r.status])).toEqual([
			['1', 200],
			['2', 0],
			['2', 200],
			['3', 200],
		]);
	});

	test('a page that keeps failing: with Continue On Fail the users read are output, then an error saying how to resume', async () => {
		seedTenant();
		// Page 1 answers; page 2 never does, however often it is asked for.
		keepFailing('user-data-export', 'silent', 1);
		const run = await dataExport(
			{ resource: 'userDataExport', returnAll: true, options: { pageSize: 3, timeout: 1 } },
			{ continueOnFail: true },
		);
		expect(run.items.slice(0, 3).map((item) => item.json.user_id)).toEqual([
			'user-000000',
			'user-000001',
			'user-000002',
		]);
		expect(run.items).toHaveLength(4);
		expect(run.items[3]).toEqual({
			json: {
				error:
					'Page 2 of the User Data Export failed: OpenDialog stopped answering after 1 s [item 0]',
				description: expect.stringMatching(
					/^3 users from page 1 were read before it\. They are in the output, before this error\. To resume, run the node again with Options → Start Page set to 2 and the same Page Size\. Nothing came from /,
				),
			},
			pairedItem: { item: 0 },
		});
		expect(run.items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
	});

	test('without Continue On Fail the error names the page, what was read and how to resume', async () => {
		seedTenant();
		keepFailing('user-data-export', 'reset', 2);
		const run = await dataExport({
			resource: 'userDataExport',
			returnAll: true,
			options: { pageSize: 3, timeout: 1 },
		});
		expect(run.error?.message).toMatch(/^Page 3 of the User Data Export failed: .* \[item 0\]$/);
		expect(run.error?.description).toMatch(
			/^6 users from pages 1–2 were read before it\. The node stopped, so they are not in its output; .* Start Page set to 3 /,
		);
	});

	test('Start Page resumes the export there: earlier pages are not asked for', async () => {
		seedTenant();
		const run = await dataExport({
			resource: 'userDataExport',
			returnAll: true,
			options: { pageSize: 3, startPage: 2 },
		});
		expect(run.items.map((item) => item.json.user_id)).toEqual([
			'user-000003',
			'user-000004',
			'user-000005',
			'user-000006',
		]);
		expect(requestsTo(USER_EXPORT).map((request) => request.query.page)).toEqual(['2', '3']);
	});

	test('Start Page works for the Analytics Data Export too, and a failed page there says so', async () => {
		seedClickstream();
		keepFailing('analytics-data-export', 'reset', 1);
		const run = await dataExport(
			{
				resource: 'analyticsDataExport',
				scenarioId: 'scn-claims',
				returnAll: true,
				options: { pageSize: 1, startPage: 2, timeout: 1 },
			},
			{ continueOnFail: true },
		);
		expect(requestsTo(ANALYTICS_EXPORT)[0].query.page).toBe('2');
		expect(run.items[0].json.message_id).toBe('m2');
		expect(run.items[1].json.error).toMatch(/^Page 3 of the Analytics Data Export failed: /);
		expect(run.items[1].json.description).toMatch(
			/^1 record from page 2 were read before it\..* Start Page set to 3 /,
		);
	});

	test('a Start Page that is not a whole number stops before any request', async () => {
		const run = await dataExport({
			resource: 'userDataExport',
			returnAll: true,
			options: { startPage: 0 },
		});
		expect(run.error?.message).toBe(
			"'Start Page' must be a whole number of at least 1, got 0 [item 0]",
		);
		expect(requestsTo(USER_EXPORT)).toHaveLength(0);
	});
});
