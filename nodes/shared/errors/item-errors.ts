import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError } from './input-error';

/** Makes any failure an n8n error that names the item it belongs to. */
export function toItemError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const suffix = ` [item ${itemIndex}]`;
	const nodeError = toNodeError(context.getNode(), error);
	if (!nodeError.message.endsWith(suffix)) nodeError.message += suffix;
	nodeError.context.itemIndex = itemIndex;
	return nodeError;
}

/** n8n's own errors as they are; anything else (e.g. an InputError and its hint) as NodeOperationError. */
export function toNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, {
		description: error instanceof InputError ? error.description : undefined,
	});
}

/**
 * The error item Continue On Fail emits in place of a result. It keeps the error's
 * description and HTTP code, so a workflow can branch on a 429 or a 422.
 */
export function errorItem(
	error: unknown,
	itemIndex: number,
	message = error instanceof Error ? error.message : String(error),
): INodeExecutionData {
	const { description, httpCode } = (error ?? {}) as { description?: unknown; httpCode?: unknown };
	return {
		json: {
			error: message,
			...(typeof description === 'string' && description !== '' ? { description } : {}),
			...(typeof httpCode === 'string' && httpCode !== '' ? { httpCode } : {}),
		},
		pairedItem: { item: itemIndex },
	};
}

/** "0–2, 5, 7–9": item lists in error messages stay short however many items there are. */
export function describeItemRanges(indices: number[]): string {
	const sorted = [...indices].sort((a, b) => a - b);
	const ranges: string[] = [];
	for (let start = 0; start < sorted.length; ) {
		let end = start;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		ranges.push(end === start ? `${sorted[start]}` : `${sorted[start]}–${sorted[end]}`);
		start = end + 1;
	}
	return ranges.join(', ');
}
