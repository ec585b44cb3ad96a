import type { INodeType } from 'n8n-workflow';

import { OpenDialogGetInteractions } from '../../nodes/OpenDialogGetInteractions/OpenDialogGetInteractions.node';
import { useLocalOpenDialog } from '../helpers/local-server';
import { runNode } from '../helpers/run-node';

const od = useLocalOpenDialog();
const DAY = { from: '2024-05-01T00:00:00', to: '2024-05-01T23:59:59' };

/** The node as n8n derives it for an AI Agent: type and description name end in "Tool". */
function toolVariant(node: INodeType): INodeType {
	const tool = Object.create(node) as INodeType;
	tool.description = { ...node.description, name: `${node.description.name}Tool` };
	return tool;
}

function getInteractions(parameters: Record<string, unknown>, asTool: boolean) {
	const node = new OpenDialogGetInteractions();
	return runNode({
		node: asTool ? toolVariant(node) : node,
		nodeType: `n8n-nodes-opendialog.openDialogGetInteractions${asTool ? 'Tool' : ''}`,
		parameters: { ...DAY, ...parameters },
		credentials: od.credentials(),
	});
}

function seedUsers(count: number) {
	od.server.addMessages(
		Array.from({ length: count }, (_, index) => ({
			user_id: `u${index}`,
			date: '2024-05-01 10:00:00',
			text: `hello from ${index}`,
			chatbot_user_data: { first_name: `User${index}`, email: `u${index}@example.com` },
		})),
	);
}

describe('OpenDialog Get Interactions as an AI Agent tool', () => {
	test('stays bounded on a 50,000-user workspace: 50 simplified users and a note', async () => {
		od.server.configure({
			tenant: {
				users: 50_000,
				interactionsPerUser: 20,
				from: Date.UTC(2024, 4, 1) / 1000,
				to: Date.UTC(2024, 4, 2) / 1000 - 1,
				seed: 3,
			},
		});
		const run = await getInteractions({}, true);
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(51);
		expect(Object.keys(run.items[0].json).sort()).toEqual(
			['email', 'last_messages', 'message_count', 'name', 'user_id'].sort(),
		);
		expect(run.items[50].json.note).toBe(
			'Showing the first 50 of 50000 users. Narrow the date range or filter by user ID or email to see others.',
		);
		// What the agent hands the model is the JSON of these items.
		const modelInput = JSON.stringify(run.items.map((item) => item.json));
		expect(modelInput.length).toBeLessThan(100_000);
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	}, 120_000);

	test('says "no interactions found" instead of outputting nothing', async () => {
		seedUsers(2);
		const run = await getInteractions({ filters: { userId: 'nobody' } }, true);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json)).toEqual([
			{
				result:
					'No interactions found for user_id "nobody" between 2024-05-01 00:00:00 UTC and 2024-05-01 23:59:59 UTC.',
				hint: 'Widen the date range or check the user ID, email or scenario filter.',
			},
		]);
	});

	test('hands an input error to the model as a result with message and hint, without failing', async () => {
		const run = await getInteractions(
			{ from: '2024-05-02T00:00:00', to: '2024-05-01T00:00:00' },
			true,
		);
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		expect(run.items[0]).toEqual({
			json: {
				error: "'From' (2024-05-02 00:00:00 UTC) is after 'To' (2024-05-01 00:00:00 UTC) [item 0]",
				hint: expect.stringMatching(/^Swap the two dates/),
			},
			pairedItem: { item: 0 },
		});
		expect(od.server.apiRequests('interactions')).toHaveLength(0);
	});

	test('hands an API refusal to the model with its HTTP code', async () => {
		od.server.injectFaults({
			status: 422,
			body: JSON.stringify({
				message: 'The given data was invalid.',
				errors: { from: ['The from is not a valid date.'] },
			}),
		});
		const run = await getInteractions({}, true);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				error: expect.stringMatching(/The from is not a valid date\./),
				httpCode: '422',
			}),
		]);
	});

	test('Return All and Simplify can be chosen in tool use too', async () => {
		seedUsers(60);
		const run = await getInteractions({ returnAll: true, simplify: false }, true);
		expect(run.items).toHaveLength(60);
		expect(run.items[0].json.interactions).toHaveLength(1);
	});
});

describe('OpenDialog Get Interactions outside agents', () => {
	test('still returns every user in full by default', async () => {
		seedUsers(60);
		const run = await getInteractions({}, false);
		expect(run.items).toHaveLength(60);
		expect(run.items[0].json).toHaveProperty('interactions');
		expect(run.items[0].json).toHaveProperty('chatbot_user_data');
	});

	test('Limit and Simplify work the same, without the notes meant for a model', async () => {
		seedUsers(5);
		const run = await getInteractions({ returnAll: false, limit: 2, simplify: true }, false);
		expect(run.items.map((item) => item.json)).toEqual([
			{
				user_id: 'u0',
				name: 'User0',
				email: 'u0@example.com',
				message_count: 1,
				last_messages: [{ date: '2024-05-01T10:00:00.000000Z', text: 'hello from 0' }],
			},
			expect.objectContaining({ user_id: 'u1' }),
		]);
	});

	test('an input error still fails the node, as it did', async () => {
		const run = await getInteractions(
			{ from: '2024-05-02T00:00:00', to: '2024-05-01T00:00:00' },
			false,
		);
		expect(run.error?.message).toMatch(/is after 'To'/);
	});
});
