import { sleep, type IWebhookFunctions } from 'n8n-workflow';

import { parseSentBody, timeoutAnswer, toActionAnswer } from './answers';

type ResponseObject = ReturnType<IWebhookFunctions['getResponseObject']>;

/**
 * Makes every answer to this call one OpenDialog understands, whichever way n8n sends it:
 * n8n answers a workflow that failed before its response node on its own (an empty `200` on
 * 1.x, `500 {"message":"Error in workflow"}` on 2.x), and every one of its answers goes
 * through Express's `send`. The user is waiting in the chat, so a workflow slower than the
 * timeout is answered with a failure and its late answer is dropped.
 */
export function guardAnswers(response: ResponseObject, timeoutSeconds: number): void {
	const send = response.send.bind(response);
	let answered = false;
	const answer = (statusCode: number, body: unknown) => {
		answered = true;
		const translated = toActionAnswer(statusCode, body);
		if (translated !== body || statusCode >= 500) response.status(200);
		response.setHeader('Content-Type', 'application/json; charset=utf-8');
		const sent = send(JSON.stringify(translated));
		// n8n still sets its own headers when a late answer comes: that must not throw.
		response.setHeader = (() => response) as typeof response.setHeader;
		return sent;
	};
	response.send = ((body?: unknown) => {
		if (answered || response.headersSent) return response;
		return answer(response.statusCode, parseSentBody(body));
	}) as typeof response.send;

	void sleep(timeoutSeconds * 1000).then(() => {
		if (answered || response.headersSent) return;
		answer(200, timeoutAnswer(timeoutSeconds));
	});
}
