import { nodeItems } from '../helpers/real-n8n';
import { CREDENTIALS, useRealN8n } from '../helpers/n8n-fixture';
import {
	chainWorkflow,
	credentialRef,
	workflowWithBranches,
	type WorkflowNode,
} from '../helpers/workflows';

jest.setTimeout(300_000);

const fixture = useRealN8n();
const GET = 'n8n-nodes-opendialog.openDialogGetInteractions';
const RANGE = { from: '2024-05-01T00:00:00', to: '2024-05-02T23:59:59' };

function getNode(
	name: string,
	credential: string,
	parameters: Record<string, unknown> = {},
): WorkflowNode {
	return {
		name,
		type: GET,
		parameters: { ...RANGE, ...parameters },
		credentials: credentialRef(credential),
	};
}

beforeAll(() => {
	fixture.server.addMessages([
		{
			user_id: 'ann',
			date: '2024-05-01 09:00:00',
			text: 'hello',
			chatbot_user_data: { first_name: 'Ann' },
		},
		{ user_id: 'ann', date: '2024-05-02 00:00:00', text: 'at the window edge' },
		{
			user_id: 'ben',
			date: '2024-05-01 23:59:59',
			type: 'button_response',
			data: { value: 'yes' },
		},
		{ user_id: 'ben', date: '2024-05-02 12:00:00', text: 'bye' },
	]);
});

test('real n8n runs Get Interactions per user, per interaction, windowed and on the legacy API', async () => {
	await fixture.n8n.importWorkflow(
		workflowWithBranches('wf-get', [
			[getNode('Per User', CREDENTIALS.public)],
			[getNode('Per Interaction', CREDENTIALS.public, { outputMode: 'perInteraction' })],
			[getNode('Windowed', CREDENTIALS.public, { options: { windowHours: 24 } })],
			[getNode('Legacy', CREDENTIALS.legacy)],
		]),
	);
	const result = await fixture.n8n.execute('wf-get');
	// Judged by the printed run: n8n can crash while exiting after printing a complete one.
	expect(result.run).toBeDefined();
	expect(result.run?.data.resultData.error).toBeUndefined();

	const perUser = nodeItems(result.run, 'Per User');
	expect(perUser.map((item) => item.json.user_id)).toEqual(['ann', 'ben']);
	expect(perUser[0].json).toMatchObject({
		chatbot_user_data: { first_name: 'Ann' },
		interactions: [{ text: 'hello' }, { text: 'at the window edge' }],
	});
	expect(perUser.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);

	const perInteraction = nodeItems(result.run, 'Per Interaction');
	expect(perInteraction.map((item) => [item.json.user_id, item.json.date])).toEqual([
		['ann', '2024-05-01T09:00:00.000000Z'],
		['ann', '2024-05-02T00:00:00.000000Z'],
		['ben', '2024-05-01T23:59:59.000000Z'],
		['ben', '2024-05-02T12:00:00.000000Z'],
	]);

	expect(nodeItems(result.run, 'Windowed').map((item) => item.json)).toEqual(
		perUser.map((item) => item.json),
	);
	expect(nodeItems(result.run, 'Legacy').map((item) => item.json.user_id)).toEqual(['ann', 'ben']);

	const paths = fixture.server.apiRequests('interactions').map((request) => request.path);
	expect(paths.filter((path) => path === '/api/user-interactions')).toHaveLength(1);
	expect(paths.filter((path) => path === '/public/api/user-interactions')).toHaveLength(2 + 2);
});

test('real n8n reports a rejected token as an error item with Continue On Fail', async () => {
	await fixture.n8n.importWorkflow(
		chainWorkflow('wf-401-continue', [
			{ ...getNode('Bad Token', CREDENTIALS.badToken), onError: 'continueRegularOutput' },
		]),
	);
	const result = await fixture.n8n.execute('wf-401-continue');
	// Judged by the printed run: n8n can crash while exiting after printing a complete one.
	expect(result.run).toBeDefined();
	expect(result.run?.data.resultData.error).toBeUndefined();
	const [item] = nodeItems(result.run, 'Bad Token');
	expect(item.json.error).toMatch(
		/OpenDialog rejected the API token \(401 Unauthenticated\) \[item 0\]/,
	);
	expect(JSON.stringify(result.run)).not.toContain('not-the-token-77aa');
});

test('real n8n stops the workflow on a rejected token and says to check it', async () => {
	await fixture.n8n.importWorkflow(
		chainWorkflow('wf-401', [getNode('Bad Token', CREDENTIALS.badToken)]),
	);
	const result = await fixture.n8n.execute('wf-401');
	expect(result.exitCode).not.toBe(0);
	const output = `${result.stdout}\n${result.stderr}`;
	expect(output).toMatch(/OpenDialog rejected the API token/);
	expect(output).toMatch(/Identity & Security/);
	expect(output).not.toContain('not-the-token-77aa');
});
