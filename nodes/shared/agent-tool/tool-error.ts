import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * A failure as a result the model can act on: what went wrong and how to fix the input. n8n
 * 1.x stops the whole agent run on a thrown tool error, and passes only the message on when
 * the node continues on error; this keeps the hint and the run on both lines.
 */
export function toolErrorResult(error: NodeApiError | NodeOperationError): IDataObject {
	return {
		error: error.message,
		...(error.description ? { hint: error.description } : {}),
		...('httpCode' in error && error.httpCode ? { httpCode: error.httpCode } : {}),
	};
}
