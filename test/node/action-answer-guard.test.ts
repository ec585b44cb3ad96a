/**
 * The trigger's answer guard on a real HTTP response. Express is n8n's, not ours: the few
 * methods n8n calls (`status`, `json`, `send`) are added the way Express defines them.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IWebhookFunctions } from 'n8n-workflow';

import { guardAnswers } from '../../nodes/OpenDialogActionTrigger/answer-guard';
import { actionSuccess } from '../../nodes/shared/webhook-action/action-call';

type ResponseObject = ReturnType<IWebhookFunctions['getResponseObject']>;

function expressLike(response: ServerResponse): ResponseObject {
	const res = response as ServerResponse & Record<string, unknown>;
	res.status = (code: number) => ((response.statusCode = code), res);
	res.send = (body: string) => (response.end(body), res);
	res.json = (body: unknown) => {
		if (!response.getHeader('Content-Type')) response.setHeader('Content-Type', 'application/json');
		return (res.send as (body: string) => unknown)(JSON.stringify(body));
	};
	return res as unknown as ResponseObject;
}

/** Serves one call: the guard is set up, then `n8n` plays what n8n does with the response. */
async function callWith(n8n: (res: ResponseObject) => void, timeoutSeconds = 5) {
	const server = createServer((_request, response) => {
		const res = expressLike(response);
		guardAnswers(res, timeoutSeconds);
		n8n(res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const { port } = server.address() as AddressInfo;
		const started = Date.now();
		const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST' });
		return {
			status: response.status,
			type: response.headers.get('content-type'),
			body: await response.json(),
			elapsed: Date.now() - started,
		};
	} finally {
		server.close();
	}
}

test('an answer in OpenDialog format goes out unchanged', async () => {
	const answer = await callWith((res) => res.status(200).json(actionSuccess({ tier: 'gold' })));
	expect(answer).toMatchObject({
		status: 200,
		body: { successful: true, output_data: { attributes: { tier: 'gold' } } },
	});
});

test("n8n's 500 for a failed workflow becomes a 200 failure OpenDialog can read", async () => {
	const answer = await callWith((res) => res.status(500).json({ message: 'Error in workflow' }));
	expect(answer.status).toBe(200);
	expect(answer.type).toMatch(/^application\/json/);
	expect(answer.body).toEqual({
		successful: false,
		errors: [{ message: expect.stringContaining('failed (n8n said: "Error in workflow")') }],
	});
});

test('a workflow that does not answer in time gets a failure at the timeout; its late answer is dropped without an error', async () => {
	let lateAnswer: (() => void) | undefined;
	const late = new Promise<void>((resolve) => (lateAnswer = resolve));
	let lateError: unknown;
	const answer = await callWith((res) => {
		setTimeout(() => {
			try {
				res.setHeader('X-Late', '1');
				res.status(200).json(actionSuccess({ too: 'late' }));
			} catch (error) {
				lateError = error;
			}
			lateAnswer!();
		}, 1500);
	}, 1);
	expect(answer.body).toEqual({
		successful: false,
		errors: [{ message: expect.stringContaining('did not answer within 1 seconds') }],
	});
	expect(answer.elapsed).toBeGreaterThanOrEqual(950);
	expect(answer.elapsed).toBeLessThan(1450);
	await late;
	expect(lateError).toBeUndefined();
});
