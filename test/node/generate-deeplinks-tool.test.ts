import type { INodeExecutionData } from 'n8n-workflow';

import { OpenDialogGenerateWebchatDeeplinks } from '../../nodes/OpenDialogGenerateWebchatDeeplinks/OpenDialogGenerateWebchatDeeplinks.node';
import { useLocalOpenDialog } from '../helpers/local-server';
import { runNode } from '../helpers/run-node';

const od = useLocalOpenDialog();

/** The item n8n's engine hands a tool: the agent's input item, the model's arguments (user_id), toolCallId. */
const toolItem: INodeExecutionData = {
	json: {
		chatInput: 'Send Ann (ann-1, 1 High St, card 4242) the claims link',
		sessionId: 'session-1',
		action: 'sendMessage',
		first_name: 'Ann',
		user_id: 'ann-1',
		scenario: 'scn-claims',
		toolCallId: 'call_7',
	},
};

/** n8n names a node used as an AI Agent tool after its type, with `Tool` appended. */
const TOOL_TYPE = 'n8n-nodes-opendialog.openDialogGenerateWebchatDeeplinksTool';

function asTool(parameters: Record<string, unknown>) {
	return runNode({
		node: new OpenDialogGenerateWebchatDeeplinks(),
		nodeType: TOOL_TYPE,
		parameters: { scenarioId: 'scn-claims', attributesMode: 'allFields', ...parameters },
		credentials: od.credentials(),
		items: [toolItem],
	});
}

const sentBody = () => JSON.stringify(od.server.apiRequests('deeplinks')[0]?.body);

describe('as an AI Agent tool, All Fields of the Item', () => {
	test("sends nothing, not even the tool's User ID argument, and tells how to declare attributes", async () => {
		const run = await asTool({
			userId: "={{ $fromAI('user_id', 'The contact id') }}",
			scenarioId: "={{ $fromAI('scenario', 'The scenario id') }}",
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toEqual([
			{
				json: {
					error:
						"As an AI Agent tool, All Fields of the Item has no contact fields to send: the item holds the agent's own fields and the tool's Scenario and User ID [item 0]",
					description: expect.stringMatching(/Define Below.*\$fromAI\('first_name'/),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(od.server.apiRequests()).toHaveLength(0);
	});
});

describe('as an AI Agent tool, Define Below', () => {
	test('sends only the attributes listed, never the User ID argument, chatInput, toolCallId or other agent fields', async () => {
		const run = await asTool({
			userId: "={{ $fromAI('user_id', 'The contact id') }}",
			attributesMode: 'defineBelow',
			attributes: { attribute: [{ name: 'first_name', value: "={{ $fromAI('first_name') }}" }] },
		});
		expect(run.error).toBeUndefined();
		expect(od.server.apiRequests('deeplinks')[0].body).toEqual({
			scenario_id: 'scn-claims',
			dataset: [{ user_id: 'ann-1', attributes: { first_name: 'Ann' } }],
		});
		for (const agentField of ['chatInput', 'session-1', 'sendMessage', 'call_7', '4242']) {
			expect(sentBody()).not.toContain(agentField);
		}
		expect(run.items[0].json.deeplink).toMatchObject({ user_id: 'ann-1' });
	});

	test("OpenDialog's refusal reaches the model as a result with its HTTP code, without failing the run", async () => {
		const run = await asTool({
			userId: "={{ $fromAI('user_id', 'The contact id') }}",
			attributesMode: 'defineBelow',
			attributes: { attribute: [{ name: 'first_name', value: "={{ $fromAI('first_name') }}" }] },
			scenarioId: 'scn-unknown',
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toEqual([
			{
				json: expect.objectContaining({
					error: expect.stringMatching(/scenario/i),
					httpCode: '422',
				}),
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('outside an AI Agent, an item that passed through one', () => {
	// e.g. a payload that came out of an agent's sub-workflow, still carrying toolCallId.
	const contact = { json: { toolCallId: 'call_7', chatInput: 'hi', first_name: 'Ann' } };
	const generate = (continueOnFail: boolean) =>
		runNode({
			node: new OpenDialogGenerateWebchatDeeplinks(),
			parameters: { scenarioId: 'scn-claims', attributesMode: 'allFields' },
			credentials: od.credentials(),
			items: [contact],
			continueOnFail,
		});

	test('is a contact like any other: All Fields sends all its fields', async () => {
		const run = await generate(false);
		expect(run.error).toBeUndefined();
		expect(od.server.apiRequests('deeplinks')[0].body).toMatchObject({
			dataset: [{ attributes: contact.json }],
		});
		expect(run.items[0].json).toMatchObject({
			first_name: 'Ann',
			deeplink: { url: expect.any(String) },
		});
	});

	test('fails the node on an error, as Continue On Fail is off', async () => {
		od.server.injectFaults({ status: 500 });
		const run = await generate(false);
		expect(run.error?.message).toMatch(/500/);
		expect(run.items).toEqual([]);
	});
});

describe('a CRM payload with nested objects in All Fields mode', () => {
	const crmContact = {
		json: {
			email: 'ann@example.com',
			properties: { firstname: 'Ann', address: { city: 'Leeds', zip: 'LS1' } },
		},
	};

	test('is sent with dotted names when Flatten Nested Fields is on', async () => {
		const run = await runNode({
			node: new OpenDialogGenerateWebchatDeeplinks(),
			parameters: {
				scenarioId: 'scn-welcome',
				attributesMode: 'allFields',
				options: { flattenNested: true },
			},
			credentials: od.credentials(),
			items: [crmContact],
		});
		expect(run.error).toBeUndefined();
		expect(od.server.apiRequests('deeplinks')[0].body).toMatchObject({
			dataset: [
				{
					attributes: {
						email: 'ann@example.com',
						'properties.firstname': 'Ann',
						'properties.address.city': 'Leeds',
						'properties.address.zip': 'LS1',
					},
				},
			],
		});
	});

	test('is refused by default with the nested fields named and the option pointed out', async () => {
		const run = await runNode({
			node: new OpenDialogGenerateWebchatDeeplinks(),
			parameters: { scenarioId: 'scn-welcome', attributesMode: 'allFields' },
			credentials: od.credentials(),
			items: [crmContact],
		});
		expect(run.error?.message).toBe(
			"Attribute 'properties' is an object (nested fields properties.firstname, properties.address.city, properties.address.zip) [item 0]",
		);
		expect(run.error?.description).toMatch(/Flatten Nested Fields/);
	});
});
