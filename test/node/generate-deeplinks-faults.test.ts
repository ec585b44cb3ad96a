import type { INodeExecutionData } from 'n8n-workflow';

import { OpenDialogGenerateWebchatDeeplinks } from '../../nodes/OpenDialogGenerateWebchatDeeplinks/OpenDialogGenerateWebchatDeeplinks.node';
import { useLocalOpenDialog } from '../helpers/local-server';
import { runNode, type RunNodeOptions } from '../helpers/run-node';

const od = useLocalOpenDialog();

const contacts = (count: number): INodeExecutionData[] =>
	Array.from({ length: count }, (_, n) => ({ json: { n, email: `c${n}@example.com` } }));

function generate(parameters: Record<string, unknown>, extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		node: new OpenDialogGenerateWebchatDeeplinks(),
		parameters: {
			scenarioBy: 'id',
			scenarioId: 'scn-welcome',
			attributesMode: 'allFields',
			userId: '={{ $json.email }}',
			...parameters,
		},
		credentials: od.credentials(),
		items: contacts(3),
		...extra,
	});
}

describe('a link on the wrong contact', () => {
	test('rows answered in reverse order never give an item the link of another user id', async () => {
		od.server.configure({ deeplinkAnswerOrder: 'reversed' });
		const run = await generate({}, { continueOnFail: true });
		expect(run.items).toHaveLength(3);
		expect(run.items.map((item) => item.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
		expect(run.items[0].json.error).toBe(
			"OpenDialog returned the link of user 'c2@example.com' for this item, which sent user 'c0@example.com' [item 0]",
		);
		// The middle row is its own mirror image: its link is its own.
		expect(run.items[1].json.deeplink).toMatchObject({ user_id: 'c1@example.com' });
		expect(run.items[2].json.error).toMatch(/link of user 'c0@example.com'.*\[item 2\]$/);
	});

	test('a repeated row fails the item it displaced, naming it, without Continue On Fail', async () => {
		od.server.configure({ deeplinkAnswerOrder: 'first repeated' });
		const run = await generate({});
		expect(run.error?.message).toBe(
			"OpenDialog returned the link of user 'c0@example.com' for this item, which sent user 'c1@example.com' [item 1]",
		);
		expect(run.error?.description).toMatch(/may belong to another contact; it was not used/);
	});

	test('rows without a user id in a reordered answer get no link either', async () => {
		od.server.configure({ deeplinkAnswerOrder: 'reversed' });
		const items = [{ json: { email: 'a@example.com' } }, { json: { first_name: 'No Id' } }];
		const run = await generate({}, { items, continueOnFail: true });
		expect(run.items.map((item) => item.json.deeplink)).toEqual([undefined, undefined]);
		expect(run.items[1].json.error).toMatch(/sent no User ID/);
	});
});

describe('a bad Batch Size', () => {
	test('is reported as a node setting, not as a fault of item 0', async () => {
		const run = await generate({ options: { batchSize: 0 } });
		expect(run.error?.message).toBe(
			"The node setting 'Batch Size' must be a whole number from 1 to 1000, got 0",
		);
		expect(run.error?.description).toMatch(/applies to all items/);
		expect(od.server.apiRequests()).toHaveLength(0);
	});

	test('with Continue On Fail every item gets the error item', async () => {
		const run = await generate({ options: { batchSize: 5000 } }, { continueOnFail: true });
		expect(run.items).toEqual(
			[0, 1, 2].map((item) => ({
				json: { error: expect.stringMatching(/^The node setting 'Batch Size'.*got 5000$/) },
				pairedItem: { item },
			})),
		);
	});
});
