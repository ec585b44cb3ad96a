import type {
	IExecuteResponsePromiseData,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { OpenDialogActionResponse } from '../../nodes/OpenDialogActionResponse/OpenDialogActionResponse.node';
import { runNode } from '../helpers/run-node';

async function respond(
	parameters: INodeParameters,
	items: INodeExecutionData[] = [
		{ json: { name: 'John Smith', tier: 'gold', rawBody: { input_data: {} } } },
	],
	continueOnFail = false,
) {
	const responses: IExecuteResponsePromiseData[] = [];
	const run = await runNode({
		node: new OpenDialogActionResponse(),
		parameters,
		credentials: {},
		items,
		continueOnFail,
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
