import { exampleWorkflow } from '../helpers/examples';
import { CREDENTIALS, useRealN8n } from '../helpers/n8n-fixture';
import { nodeItems } from '../helpers/real-n8n';
import {
	chainWorkflow,
	credentialRef,
	workflowWithBranches,
	type WorkflowNode,
} from '../helpers/workflows';

jest.setTimeout(300_000);

const fixture = useRealN8n();
const EXPORT = 'n8n-nodes-opendialog.openDialogDataExport';
const DAY = 86_400;

function exportNode(name: string, parameters: Record<string, unknown>): WorkflowNode {
	return {
		name,
		type: EXPORT,
		parameters: { operation: 'getAll', ...parameters },
		credentials: credentialRef(CREDENTIALS.public),
	};
}

function requestsTo(path: string) {
	return fixture.server.requests.filter((request) => request.path === path);
}

/** Nine users active over the last two days; users 0, 3 and 6 talk to the welcome scenario. */
function resetToNineUsers() {
	const now = Math.floor(Date.now() / 1000);
	fixture.server.reset({
		tenant: { users: 9, interactionsPerUser: 2, from: now - 2 * DAY, to: now - 60, seed: 3 },
	});
}

beforeEach(resetToNineUsers);

test('real n8n follows every page of both exports, one item per user and per record', async () => {
	await fixture.n8n.importWorkflow(
		workflowWithBranches('wf-exports', [
			[
				exportNode('All Users', {
					resource: 'userDataExport',
					returnAll: true,
					options: { pageSize: 4 },
				}),
			],
			[
				exportNode('First Users', {
					resource: 'userDataExport',
					returnAll: false,
					limit: 5,
					options: { pageSize: 4 },
				}),
			],
			[
				exportNode('Analytics', {
					resource: 'analyticsDataExport',
					scenarioId: 'scn-welcome',
					returnAll: true,
					options: { pageSize: 2 },
				}),
			],
		]),
	);
	const result = await fixture.n8n.execute('wf-exports');
	expect(result.run).toBeDefined();

	const users = nodeItems(result.run, 'All Users');
	expect(users.map((item) => item.json.user_id)).toEqual(
		Array.from({ length: 9 }, (_, i) => `user-00000${i}`),
	);
	expect(users.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
	expect(users[0].json).toMatchObject({
		chatbot_user_data: { email: expect.stringMatching(/@example\.com$/) },
		attributes: { first_seen: expect.any(Number) },
	});
	expect(requestsTo('/public/api/user-data-export').length).toBe(3 + 2);
	expect(nodeItems(result.run, 'First Users')).toHaveLength(5);

	const records = nodeItems(result.run, 'Analytics');
	// An identify record and two interactions for each of the three welcome users.
	expect(records).toHaveLength(9);
	expect(new Set(records.map((item) => item.json.message_id)).size).toBe(9);
	const identify = records.find((item) => item.json.type === 'identify')!;
	expect(typeof identify.json.traits).toBe('object');
	expect(identify.json.context).toMatchObject({ browser: expect.any(String) });
	expect(requestsTo('/public/api/analytics-data-export')).toHaveLength(5);
});

test('real n8n runs the data exports example workflow', async () => {
	await fixture.n8n.importWorkflow(
		exampleWorkflow('data-exports-to-crm-and-warehouse.workflow.json'),
	);
	const result = await fixture.n8n.execute('odExampleDataExports');
	const contacts = nodeItems(result.run, 'CRM Contact');
	expect(contacts).toHaveLength(9);
	for (const contact of contacts) {
		expect(contact.json).toMatchObject({
			email: expect.stringMatching(/@example\.com$/),
			firstSeen: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			userMessages: 2,
			botMessages: expect.any(Number),
		});
	}
	const rows = nodeItems(result.run, 'Warehouse Row');
	expect(rows).toHaveLength(9);
	expect(rows[0].json).toEqual({
		messageId: expect.any(String),
		kind: 'identify',
		userId: 'user-000000',
		occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
		browser: expect.any(String),
	});
});

test('real n8n explains a disabled export (403): an error item with Continue On Fail, a stopped workflow without', async () => {
	fixture.server.configure({ dataExports: { userDataEnabled: true, analyticsEnabled: false } });
	const analytics = { resource: 'analyticsDataExport', scenarioId: 'scn-welcome', returnAll: true };
	await fixture.n8n.importWorkflow(
		workflowWithBranches('wf-export-403', [
			[{ ...exportNode('Continue', analytics), onError: 'continueRegularOutput' }],
		]),
	);
	const continued = await fixture.n8n.execute('wf-export-403');
	const [item] = nodeItems(continued.run, 'Continue');
	expect(item.json).toEqual({
		error:
			'The Analytics Data Export is not enabled for this OpenDialog workspace (403 Forbidden) [item 0]',
		description: expect.stringMatching(/enable the Analytics Data Export/),
		httpCode: '403',
	});

	await fixture.n8n.importWorkflow(
		chainWorkflow('wf-export-403-stop', [exportNode('Stop', analytics)]),
	);
	const stopped = await fixture.n8n.execute('wf-export-403-stop');
	expect(stopped.exitCode).not.toBe(0);
	const output = `${stopped.stdout}\n${stopped.stderr}`;
	expect(output).toMatch(/The Analytics Data Export is not enabled for this OpenDialog workspace/);
	expect(output).not.toContain(fixture.server.config.token);
});

test('real n8n retries a page whose connection was reset; a page that keeps failing says how to resume, and Start Page does', async () => {
	fixture.server.injectFaults(
		// "Once": page 2 of the first node is reset, then answered on the retry.
		{ path: 'user-data-export', transport: { kind: 'reset' }, skip: 1, times: 1 },
	);
	await fixture.n8n.importWorkflow(
		chainWorkflow('wf-export-reset', [
			exportNode('Retried', {
				resource: 'userDataExport',
				returnAll: true,
				options: { pageSize: 4, timeout: 1 },
			}),
		]),
	);
	const retried = await fixture.n8n.execute('wf-export-reset');
	expect(nodeItems(retried.run, 'Retried')).toHaveLength(9);
	expect(requestsTo('/public/api/user-data-export').map((r) => [r.query.page, r.status])).toEqual([
		['1', 200],
		['2', 0],
		['2', 200],
		['3', 200],
	]);

	fixture.server.injectFaults({
		path: 'user-data-export',
		transport: { kind: 'reset' },
		skip: 1,
		times: 100,
	});
	await fixture.n8n.importWorkflow(
		workflowWithBranches('wf-export-resume', [
			[
				{
					...exportNode('Failed', {
						resource: 'userDataExport',
						returnAll: true,
						options: { pageSize: 4, timeout: 1 },
					}),
					onError: 'continueRegularOutput',
				},
			],
		]),
	);
	const failed = nodeItems((await fixture.n8n.execute('wf-export-resume')).run, 'Failed');
	expect(failed).toHaveLength(5);
	expect(failed[4].json.error).toMatch(/^Page 2 of the User Data Export failed: /);
	expect(failed[4].json.description).toMatch(/^4 users from page 1 .* Start Page set to 2 /);

	// The same users, and no more faults.
	resetToNineUsers();
	await fixture.n8n.importWorkflow(
		chainWorkflow('wf-export-resumed', [
			exportNode('Resumed', {
				resource: 'userDataExport',
				returnAll: true,
				options: { pageSize: 4, startPage: 2 },
			}),
		]),
	);
	const resumed = nodeItems((await fixture.n8n.execute('wf-export-resumed')).run, 'Resumed');
	expect([...failed.slice(0, 4), ...resumed].map((item) => item.json.user_id)).toEqual(
		Array.from({ length: 9 }, (_, i) => `user-00000${i}`),
	);
});
