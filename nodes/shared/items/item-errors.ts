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
