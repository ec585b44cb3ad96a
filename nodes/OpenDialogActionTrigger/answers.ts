import { actionFailure, isActionAnswer, type ActionAnswer } from '../shared/api/webhook-action';

/**
 * What OpenDialog receives for whatever n8n is about to send: an answer in OpenDialog's format
 * passes unchanged; anything else (n8n's `500 {"message":"Error in workflow"}`, an empty body
 * when no response node ran) becomes a failure the conversation designer can read.
 */
export function toActionAnswer(statusCode: number, body: unknown): ActionAnswer {
	if (isActionAnswer(body)) return body;
	const said = n8nMessage(body);
	const quoted = said ? ` (n8n said: "${said}")` : '';
	if (statusCode >= 400) {
		return actionFailure(
			`The n8n workflow behind this action failed${quoted}. Open the workflow's executions in n8n to see which node failed and why.`,
		);
	}
	return actionFailure(
		`The n8n workflow behind this action finished without answering${quoted}: end each of its branches with an OpenDialog Action Response node.`,
	);
}

export function timeoutAnswer(seconds: number): ActionAnswer {
	return actionFailure(
		`The n8n workflow behind this action did not answer within ${seconds} seconds: make it faster, or raise the trigger's Answer Timeout.`,
	);
}

/** The body n8n hands to Express's `send`: a JSON string, a Buffer, an object or nothing. */
export function parseSentBody(body: unknown): unknown {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function n8nMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 200) || undefined;
	if (typeof body !== 'object' || body === null) return undefined;
	const { message, error } = body as { message?: unknown; error?: unknown };
	const text = typeof message === 'string' ? message : typeof error === 'string' ? error : '';
	return text.slice(0, 200) || undefined;
}
