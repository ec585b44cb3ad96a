import {
	actionFailure,
	actionSuccess,
	isActionAnswer,
	readActionAttributes,
} from '../../nodes/shared/webhook-action/action-call';

describe('readActionAttributes', () => {
	test('reads the input attributes of an action call', () => {
		expect(
			readActionAttributes({ input_data: { attributes: { first_name: 'John', age: 41 } } }),
		).toEqual({ first_name: 'John', age: 41 });
	});

	test("reads PHP's empty list and a missing input as no attributes", () => {
		expect(readActionAttributes({ input_data: { attributes: [] } })).toEqual({});
		expect(readActionAttributes({ input_data: [] })).toEqual({});
		expect(readActionAttributes({ input_data: {} })).toEqual({});
		expect(readActionAttributes({})).toEqual({});
	});

	test('refuses bodies that are not an action call', () => {
		expect(readActionAttributes('input_data')).toBeUndefined();
		expect(readActionAttributes([1, 2])).toBeUndefined();
		expect(readActionAttributes({ input_data: 'x' })).toBeUndefined();
		expect(readActionAttributes({ input_data: { attributes: ['a'] } })).toBeUndefined();
		expect(readActionAttributes({ input_data: { attributes: 7 } })).toBeUndefined();
	});
});

describe('answers', () => {
	test("build OpenDialog's success and failure shapes", () => {
		expect(actionSuccess({ full_name: 'John Smith', note: null })).toEqual({
			successful: true,
			output_data: { attributes: { full_name: 'John Smith', note: null } },
		});
		expect(actionFailure('No such order')).toEqual({
			successful: false,
			errors: [{ message: 'No such order' }],
		});
	});

	test('recognise only bodies with a boolean successful', () => {
		expect(isActionAnswer(actionFailure('x'))).toBe(true);
		expect(isActionAnswer({ successful: 'true' })).toBe(false);
		expect(isActionAnswer({ message: 'Error in workflow' })).toBe(false);
		expect(isActionAnswer(undefined)).toBe(false);
	});
});
