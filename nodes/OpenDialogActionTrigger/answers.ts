import { tryParseJson } from '../shared/json/json';
import {
	actionFailure,
	isActionAnswer,
	type ActionAnswer,
} from '../shared/webhook-action/action-call';

/**
 * What OpenDialog receives for whatever n8n is about to send: an answer in OpenDialog's format
 * passes unchanged; anything else becomes a failure the conversation designer can read. n8n
 * 2.x answers a failed workflow with `500 {"message":"Error in workflow"}`; n8n 1.x answers
 * it, like a workflow whose branch has no response node, with an empty `200`.
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
		`The n8n workflow behind this action stopped before an OpenDialog Action Response node answered${quoted}: a node failed, or the branch taken has no response node. Open the workflow's executions in n8n to see which.`,
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
	const parsed = tryParseJson(text);
	return parsed ? parsed.value : text;
}

function n8nMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 200) || undefined;
	if (typeof body !== 'object' || body === null) return undefined;
	const { message, error } = body as { message?: unknown; error?: unknown };
	const text = typeof message === 'string' ? message : typeof error === 'string' ? error : '';
	return text.slice(0, 200) || undefined;
}
