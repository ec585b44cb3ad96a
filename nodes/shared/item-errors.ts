import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError } from './input-error';

/** Makes any failure an n8n error that names the item it belongs to. */
export function toItemError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const suffix = ` [item ${itemIndex}]`;
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (!error.message.endsWith(suffix)) error.message += suffix;
		error.context.itemIndex = itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(context.getNode(), `${message}${suffix}`, {
		itemIndex,
		description: error instanceof InputError ? error.description : undefined,
	});
}

/** The error item Continue On Fail emits in place of a result. */
export function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message }, pairedItem: { item: itemIndex } };
}
