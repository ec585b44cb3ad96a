/**
 * OpenDialog's webhook action: what a scenario POSTs mid-conversation and the two answers it
 * understands. No n8n imports: the trigger, the response node and the tests share these shapes.
 */
import { isObject } from '../json/json';

export type ActionAttributes = Record<string, unknown>;

export interface ActionSuccess {
	successful: true;
	output_data: { attributes: ActionAttributes };
}

export interface ActionFailure {
	successful: false;
	errors: Array<{ message: string }>;
}

export type ActionAnswer = ActionSuccess | ActionFailure;

export function actionSuccess(attributes: ActionAttributes): ActionSuccess {
	return { successful: true, output_data: { attributes } };
}

export function actionFailure(message: string): ActionFailure {
	return { successful: false, errors: [{ message }] };
}

export function isActionAnswer(value: unknown): value is ActionAnswer {
	return isObject(value) && typeof value.successful === 'boolean';
}

/**
 * The input attributes of an action call, or undefined when the body is not one. OpenDialog is
 * a PHP app: an empty attribute map may arrive as `[]`, and an action without inputs may leave
 * `input_data` out.
 */
export function readActionAttributes(body: unknown): ActionAttributes | undefined {
	if (!isObject(body)) return undefined;
	const inputData = body.input_data;
	if (inputData === undefined || isEmptyList(inputData)) return {};
	if (!isObject(inputData)) return undefined;
	const attributes = inputData.attributes;
	if (attributes === undefined || attributes === null || isEmptyList(attributes)) return {};
	return isObject(attributes) ? attributes : undefined;
}

function isEmptyList(value: unknown): boolean {
	return Array.isArray(value) && value.length === 0;
}
