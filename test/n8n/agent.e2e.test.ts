/**
 * n8n's AI Agent with its OpenAI chat model node, pointed at a local scripted model, driving
 * both nodes as tools against the local OpenDialog server: the workflow is the README's agent
 * example with a Manual Trigger and a fixed chat message in place of the Chat Trigger.
 */
import { exampleWorkflow } from '../helpers/examples';
import { useRealN8n } from '../helpers/n8n-fixture';
import { nodeItems, type ExecutionResult } from '../helpers/real-n8n';
import { ScriptedChatModel, toolResults, type ChatRequest } from '../server/openai-model';

jest.setTimeout(300_000);

const fixture = useRealN8n();
const model = new ScriptedChatModel();

const USER = 'visitor-7';
const CHAT_MESSAGE = 'What did visitor-7 ask on 1 May 2024? Send them a link to the claims flow.';
const FINAL_ANSWER = 'They asked how to make a claim; I sent them a link to the claims chatbot.';
const RANGE = { from: '2024-05-01 00:00:00', to: '2024-05-01 23:59:59' };

interface WorkflowJson {
	id: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
	connections: Record<string, unknown>;
}

/** The agent example, started by a Manual Trigger that hands the agent a Chat Trigger's fields. */
function agentWorkflow(): WorkflowJson {
	const workflow = exampleWorkflow('agent-answers-and-sends-link.workflow.json') as WorkflowJson;
	const chatTrigger = 'When chat message received';
	workflow.nodes = workflow.nodes.filter((node) => node.name !== chatTrigger);
	workflow.nodes.push(
		{
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			parameters: {},
			...{ id: '4a6b8c0d-0000-4000-8000-0000000000b1', typeVersion: 1, position: [0, 0] },
		},
		{
			name: 'Chat Message',
			type: 'n8n-nodes-base.set',
			parameters: {
				assignments: {
					assignments: [
						{ id: 'c1', name: 'sessionId', value: 'e2e-session', type: 'string' },
						{ id: 'c2', name: 'action', value: 'sendMessage', type: 'string' },
						{ id: 'c3', name: 'chatInput', value: CHAT_MESSAGE, type: 'string' },
					],
				},
				options: {},
			},
			...{ id: '4a6b8c0d-0000-4000-8000-0000000000b2', typeVersion: 3.4, position: [120, 0] },
		},
	);
	delete workflow.connections[chatTrigger];
	workflow.connections['Manual Trigger'] = {
		main: [[{ node: 'Chat Message', type: 'main', index: 0 }]],
	};
	workflow.connections['Chat Message'] = {
		main: [[{ node: 'AI Agent', type: 'main', index: 0 }]],
	};
	return workflow;
}

let result: ExecutionResult;

beforeAll(async () => {
	await model.start();
	await fixture.n8n.importCredentials([
		{
			id: 'openai-example',
			name: 'OpenAI',
			type: 'openAiApi',
			data: { apiKey: 'sk-local-test-model', url: model.url },
		},
	]);
	fixture.server.addMessages([
		{
			user_id: USER,
			date: '2024-05-01 09:15:00',
			text: 'How do I make a claim?',
			chatbot_user_data: { first_name: 'Gia', email: 'gia@example.com' },
		},
		{ user_id: 'visitor-8', date: '2024-05-01 10:00:00', text: 'Someone else' },
	]);
	model.script(
		// A mistake first: From after To.
		{
			toolCalls: [
				{ name: 'Get_Interactions', arguments: { from: RANGE.to, to: RANGE.from, user_id: USER } },
			],
		},
		{ toolCalls: [{ name: 'Get_Interactions', arguments: { ...RANGE, user_id: USER } }] },
		{
			toolCalls: [
				{
					name: 'Generate_Webchat_Deeplinks',
					arguments: { scenario_id: 'scn-claims', user_id: USER, first_name: 'Gia' },
				},
			],
		},
		{ content: FINAL_ANSWER },
	);
	const workflow = agentWorkflow();
	await fixture.n8n.importWorkflow(workflow);
	result = await fixture.n8n.execute(workflow.id);
});

afterAll(async () => {
	await model.close();
});

/** The one tool result the agent sent back in a model request. */
function toolResultIn(request: ChatRequest | undefined): string {
	const results = [...toolResults(request ?? { model: '', messages: [] }).values()];
	return results.at(-1) ?? '';
}

test('the agent runs to its final answer', () => {
	expect(result.run?.data.resultData.error).toBeUndefined();
	expect(model.requests).toHaveLength(4);
	expect(nodeItems(result.run, 'AI Agent').map((item) => item.json.output)).toEqual([FINAL_ANSWER]);
});

test('the model is offered both tools with the arguments their $fromAI() mappings define', () => {
	const tools = new Map(
		(model.requests[0]?.tools ?? []).map((tool) => [tool.function.name, tool.function]),
	);
	expect([...tools.keys()].sort()).toEqual(['Generate_Webchat_Deeplinks', 'Get_Interactions']);
	expect(tools.get('Get_Interactions')?.description).toMatch(/OpenDialog/);
	expect(Object.keys(tools.get('Get_Interactions')?.parameters as object)).toContain('properties');
	const properties = (tools.get('Get_Interactions')?.parameters as { properties: object })
		.properties;
	expect(Object.keys(properties).sort()).toEqual(['from', 'to', 'user_id']);
});

test('a tool input error reaches the model as a tool result with message and hint', () => {
	const errorResult = toolResultIn(model.requests[1]);
	expect(errorResult).toContain("'From' (2024-05-01 23:59:59 UTC) is after 'To'");
	expect(errorResult).toContain('Swap the two dates');
});

test('Get Interactions ran once against OpenDialog, with the range and user the model chose', () => {
	const requests = fixture.server.apiRequests('interactions');
	expect(requests.map((request) => request.query)).toEqual([{ ...RANGE, user_id: USER }]);
	const [user] = JSON.parse(toolResultIn(model.requests[2])) as Array<Record<string, unknown>>;
	expect(user).toEqual({
		user_id: USER,
		name: 'Gia',
		email: 'gia@example.com',
		message_count: 1,
		last_messages: [{ date: '2024-05-01T09:15:00.000000Z', text: 'How do I make a claim?' }],
	});
});

test('Generate Webchat Deeplinks made a link for that user, and the link reached the model', () => {
	const [request, ...more] = fixture.server.apiRequests('deeplinks');
	expect(more).toHaveLength(0);
	expect(request.body).toMatchObject({
		scenario_id: 'scn-claims',
		dataset: [{ user_id: USER }],
	});
	const [link] = [...fixture.server.links.entries()];
	expect(link[1]).toMatchObject({ scenarioId: 'scn-claims', userId: USER });
	expect(toolResultIn(model.requests[3])).toContain(`/s/${link[0]}`);
});

test("only the attributes the node defines are sent: not the user id argument, nor the agent's own fields (chat input, tool call id, session)", () => {
	const [request] = fixture.server.apiRequests('deeplinks');
	const { dataset } = request.body as { dataset: Array<{ attributes: Record<string, unknown> }> };
	expect(dataset.map((row) => row.attributes)).toEqual([{ first_name: 'Gia' }]);
	const sent = JSON.stringify(dataset);
	for (const leak of ['chatInput', 'toolCallId', 'sessionId', CHAT_MESSAGE]) {
		expect(sent).not.toContain(leak);
	}
});
