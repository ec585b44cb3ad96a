import {
	actionFailure,
	actionSuccess,
	type ActionFailure,
} from '../../nodes/shared/webhook-action/action-call';
import {
	parseSentBody,
	timeoutAnswer,
	toActionAnswer,
} from '../../nodes/OpenDialogActionTrigger/answers';
import {
	buildOutputAttributes,
	type AttributeSources,
} from '../../nodes/OpenDialogActionResponse/output-attributes';
import { InputError } from '../../nodes/shared/errors/input-error';

describe('toActionAnswer', () => {
	test('passes answers already in OpenDialog format unchanged', () => {
		const success = actionSuccess({ a: 1 });
		expect(toActionAnswer(200, success)).toBe(success);
		const failure = actionFailure('no');
		expect(toActionAnswer(200, failure)).toBe(failure);
	});

	test("turns n8n's answer to a failed workflow into a readable failure", () => {
		expect(toActionAnswer(500, { message: 'Error in workflow' })).toEqual(
			actionFailure(
				'The n8n workflow behind this action failed (n8n said: "Error in workflow"). Open the workflow\'s executions in n8n to see which node failed and why.',
			),
		);
	});

	test('says where to look when the workflow stopped without answering', () => {
		expect(toActionAnswer(200, undefined)).toEqual(
			actionFailure(
				"The n8n workflow behind this action stopped before an OpenDialog Action Response node answered: a node failed, or the branch taken has no response node. Open the workflow's executions in n8n to see which.",
			),
		);
		expect(
			(toActionAnswer(200, { message: 'Workflow executed successfully' }) as ActionFailure).errors,
		).toEqual([
			{
				message: expect.stringContaining('(n8n said: "Workflow executed successfully")'),
			},
		]);
	});

	test('keeps what n8n said short', () => {
		const [{ message }] = (toActionAnswer(500, 'x'.repeat(5000)) as ActionFailure).errors;
		expect(message.length).toBeLessThan(400);
	});

	test('names the timeout', () => {
		expect(timeoutAnswer(10)).toEqual(
			actionFailure(
				"The n8n workflow behind this action did not answer within 10 seconds: make it faster, or raise the trigger's Answer Timeout.",
			),
		);
	});
});

describe('parseSentBody', () => {
	test('reads JSON text and buffers, and leaves other text and objects as they are', () => {
		expect(parseSentBody('{"message":"Error in workflow"}')).toEqual({
			message: 'Error in workflow',
		});
		expect(parseSentBody(Buffer.from('{"successful":true}'))).toEqual({ successful: true });
		expect(parseSentBody('Internal Server Error')).toBe('Internal Server Error');
		expect(parseSentBody({ a: 1 })).toEqual({ a: 1 });
		expect(parseSentBody(undefined)).toBeUndefined();
	});
});

describe('buildOutputAttributes', () => {
	const sources = (overrides: Partial<AttributeSources>): AttributeSources => ({
		fields: {},
		pairs: [],
		json: undefined,
		...overrides,
	});

	test("answers with the item's fields, keeping nulls (unset) and leaving out the trigger's raw body", () => {
		expect(
			buildOutputAttributes(
				'allFields',
				sources({
					fields: { full_name: 'John', note: null, gone: undefined, rawBody: { input_data: {} } },
				}),
			),
		).toEqual({ full_name: 'John', note: null });
	});

	test('answers with the pairs defined, a missing value unsetting the attribute', () => {
		expect(
			buildOutputAttributes(
				'defineBelow',
				sources({
					pairs: [
						{ name: ' full_name ', value: 'John' },
						{ name: 'orders', value: 2 },
						{ name: 'note', value: null },
						{ name: 'other', value: undefined },
					],
				}),
			),
		).toEqual({ full_name: 'John', orders: 2, note: null, other: null });
	});

	test('refuses a pair without a name, naming its position', () => {
		expect(() =>
			buildOutputAttributes('defineBelow', sources({ pairs: [{ name: 'a' }, { name: ' ' }] })),
		).toThrow(new InputError('Output attribute 2 has no name', ''));
	});

	test('answers with a JSON object, given as text or as an object', () => {
		expect(
			buildOutputAttributes('json', sources({ json: '{"full_name":"John","note":null}' })),
		).toEqual({ full_name: 'John', note: null });
		expect(buildOutputAttributes('json', sources({ json: { tier: 'gold' } }))).toEqual({
			tier: 'gold',
		});
	});

	test('refuses JSON that is not an object', () => {
		for (const json of ['[1]', 'not json', 42, null]) {
			expect(() => buildOutputAttributes('json', sources({ json }))).toThrow(
				'"Attributes (JSON)" must be an object of attribute names and values',
			);
		}
	});
});
