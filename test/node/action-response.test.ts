import type {
	IExecuteResponsePromiseData,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { OpenDialogActionResponse } from '../../nodes/OpenDialogActionResponse/OpenDialogActionResponse.node';
import { OpenDialogActionTrigger } from '../../nodes/OpenDialogActionTrigger/OpenDialogActionTrigger.node';
import { runNode, type UpstreamNode } from '../helpers/run-node';

const actionTrigger = (parameters: INodeParameters = {}): UpstreamNode => ({
	name: 'OpenDialog Action Trigger',
	type: 'n8n-nodes-opendialog.openDialogActionTrigger',
	node: new OpenDialogActionTrigger(),
	parameters,
});

async function respond(
	parameters: INodeParameters,
	items: INodeExecutionData[] = [
		{ json: { name: 'John Smith', tier: 'gold', rawBody: { input_data: {} } } },
	],
	continueOnFail = false,
	upstream: UpstreamNode[] = [actionTrigger()],
) {
	const responses: IExecuteResponsePromiseData[] = [];
	const run = await runNode({
		node: new OpenDialogActionResponse(),
		nodeType: 'n8n-nodes-opendialog.openDialogActionResponse',
		parameters,
		credentials: {},
		items,
		continueOnFail,
		upstream,
		onResponse: (response) => responses.push(response),
	});
	return { ...run, responses };
}

test('answers success with the attributes defined, each an expression; null unsets', async () => {
	const { responses } = await respond({
		answer: 'success',
		attributesMode: 'defineBelow',
		attributes: {
			attribute: [
				{ name: 'full_name', value: '={{ $json.name }}' },
				{ name: 'open_orders', value: '={{ 1 + 1 }}' },
				{ name: 'callback_reason', value: '={{ null }}' },
			],
		},
	});
	expect(responses).toEqual([
		{
			body: {
				successful: true,
				output_data: {
					attributes: { full_name: 'John Smith', open_orders: 2, callback_reason: null },
				},
			},
			headers: { 'content-type': 'application/json; charset=utf-8' },
			statusCode: 200,
		},
	]);
});

test("answers with the first item's fields by default, and passes every item on, paired", async () => {
	const { responses, items } = await respond({}, [
		{ json: { name: 'John Smith', tier: 'gold', rawBody: { input_data: {} } } },
		{ json: { name: 'Second', tier: 'silver', rawBody: {} } },
	]);
	expect(responses.map((response) => response.body)).toEqual([
		{ successful: true, output_data: { attributes: { name: 'John Smith', tier: 'gold' } } },
	]);
	expect(items.map((item) => [item.json.name, item.pairedItem])).toEqual([
		['John Smith', { item: 0 }],
		['Second', { item: 1 }],
	]);
});

test('answers failure with the message, an expression on the item', async () => {
	const { responses } = await respond({
		answer: 'failure',
		errorMessage: '=No order for {{ $json.name }}',
	});
	expect(responses.map((response) => response.body)).toEqual([
		{ successful: false, errors: [{ message: 'No order for John Smith' }] },
	]);
});

test('stops on attributes that are not an object, naming the item and the fix', async () => {
	const { error, responses } = await respond({
		attributesMode: 'json',
		attributesJson: '["not", "an", "object"]',
	});
	expect(error?.message).toBe(
		'"Attributes (JSON)" must be an object of attribute names and values [item 0]',
	);
	expect(error?.description).toMatch(/e\.g\./);
	expect(responses).toEqual([]);
});

test('with Continue On Fail, bad attributes still answer OpenDialog, with the failure', async () => {
	const { error, responses, items } = await respond(
		{ attributesMode: 'json', attributesJson: '[1]' },
		undefined,
		true,
	);
	expect(error).toBeUndefined();
	expect(responses.map((response) => response.body)).toEqual([
		{
			successful: false,
			errors: [{ message: '"Attributes (JSON)" must be an object of attribute names and values' }],
		},
	]);
	expect(items).toEqual([
		{
			json: {
				error: '"Attributes (JSON)" must be an object of attribute names and values',
				description: expect.stringMatching(/e\.g\./),
			},
			pairedItem: { item: 0 },
		},
	]);
});

describe('an answer that could reach no one fails the run, with the fix', () => {
	const otherTrigger: UpstreamNode = {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		node: new OpenDialogActionResponse(),
	};

	test('behind another trigger', async () => {
		const { error, responses } = await respond({}, undefined, false, [otherTrigger]);
		expect(error?.message).toBe('No OpenDialog Action Trigger before this node');
		expect(error?.description).toMatch(
			/start the workflow with an OpenDialog Action Trigger set to Respond: Using OpenDialog Action Response Node, or remove this node/,
		);
		expect(responses).toEqual([]);
	});

	test('behind an Action Trigger set to respond immediately', async () => {
		const { error, responses } = await respond({}, undefined, false, [
			actionTrigger({ respond: 'onReceived' }),
		]);
		expect(error?.message).toBe(
			'The OpenDialog Action Trigger already answered this call (Respond: Immediately)',
		);
		expect(error?.description).toMatch(
			/Set the trigger's Respond to 'Using OpenDialog Action Response Node'/,
		);
		expect(responses).toEqual([]);
	});

	test('with Continue On Fail, every item becomes an error item with the fix, paired', async () => {
		const { error, items } = await respond({}, [{ json: { n: 0 } }, { json: { n: 1 } }], true, [
			actionTrigger({ respond: 'onReceived' }),
		]);
		expect(error).toBeUndefined();
		expect(items).toEqual(
			[0, 1].map((item) => ({
				json: {
					error: 'The OpenDialog Action Trigger already answered this call (Respond: Immediately)',
					description: expect.stringMatching(/Respond/),
				},
				pairedItem: { item },
			})),
		);
	});
});
