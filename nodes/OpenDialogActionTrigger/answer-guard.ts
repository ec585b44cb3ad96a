import type { IWebhookFunctions } from 'n8n-workflow';

import { parseSentBody, timeoutAnswer, toActionAnswer } from './answers';

type ResponseObject = ReturnType<IWebhookFunctions['getResponseObject']>;

/** An OpenDialog answer is a few attributes; n8n writing more is not one, whatever it holds. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Makes every answer to this call one OpenDialog understands, whichever way n8n sends it:
 * n8n answers a workflow that failed before its response node on its own (an empty `200` on
 * 1.x, `500 {"message":"Error in workflow"}` on 2.x) through Express's `send`; a file from
 * n8n's Respond to Webhook node goes out with `end` (a Buffer) or is piped in with `write`.
 * Whatever n8n writes is held back and answered, translated, once. The user is waiting in the
 * chat, so a workflow slower than the timeout is answered with a failure and its late answer
 * is dropped; once the answer is out the timeout lets go, so nothing of the call is kept.
 */
export function guardAnswers(response: ResponseObject, timeoutSeconds: number): void {
	const end = response.end.bind(response) as (body: string) => void;
	const written: Buffer[] = [];
	let writtenBytes = 0;
	let answered = false;

	const hold = (chunk: unknown, encoding?: unknown) => {
		if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
		if (writtenBytes > MAX_ANSWER_BYTES) return;
		const bytes = Buffer.isBuffer(chunk)
			? chunk
			: Buffer.from(
					String(chunk),
					typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
				);
		written.push(bytes);
		writtenBytes += bytes.length;
	};
	// An abort signal rather than a timer: node code in n8n may not use timer globals.
	const timeout = AbortSignal.timeout(timeoutSeconds * 1000);
	const onTimeout = () => {
		if (!answered) answer(200, timeoutAnswer(timeoutSeconds));
	};
	// Once the call is answered, or its caller hung up, the signal lets go of it.
	const cancelTimeout = () => timeout.removeEventListener('abort', onTimeout);
	const answer = (statusCode: number, body: unknown) => {
		answered = true;
		cancelTimeout();
		const translated = toActionAnswer(statusCode, body);
		const text = JSON.stringify(translated);
		if (!response.headersSent) {
			if (translated !== body || statusCode >= 500) response.statusCode = 200;
			response.setHeader('Content-Type', 'application/json; charset=utf-8');
			response.setHeader('Content-Length', Buffer.byteLength(text));
		}
		end(text);
		// n8n still sets its own headers when a late answer comes: that must not throw.
		response.setHeader = (() => response) as typeof response.setHeader;
	};
	const writtenBody = () =>
		writtenBytes > MAX_ANSWER_BYTES ? undefined : parseSentBody(Buffer.concat(written));

	response.send = ((body?: unknown) => {
		if (!answered) answer(response.statusCode, parseSentBody(body));
		return response;
	}) as typeof response.send;
	response.write = ((chunk: unknown, encoding?: unknown) => {
		if (!answered) hold(chunk, encoding);
		return true;
	}) as typeof response.write;
	response.end = ((chunk?: unknown, encoding?: unknown) => {
		if (!answered) {
			hold(chunk, encoding);
			answer(response.statusCode, writtenBody());
		}
		return response;
	}) as typeof response.end;

	timeout.addEventListener('abort', onTimeout, { once: true });
	response.once('close', cancelTimeout);
}
