/** The trigger's answer guard on a real HTTP response, answered the ways n8n answers. */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { guardAnswers } from '../../nodes/OpenDialogActionTrigger/answer-guard';
import { actionSuccess } from '../../nodes/shared/webhook-action/action-call';
import { expressLike, type ResponseObject } from '../helpers/express-like';

/** Serves one call: the guard is set up, then `n8n` plays what n8n does with the response. */
async function callWith(
	n8n: (res: ResponseObject) => void,
	timeoutSeconds = 5,
	onResponse?: (res: ServerResponse) => void,
) {
	const server = createServer((_request, response) => {
		onResponse?.(response);
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

describe("answers n8n sends without Express's send", () => {
	// n8n's Respond to Webhook node answering with a file: n8n 1.x sends the Buffer with
	// `res.end`, and a file kept in n8n's binary data store is piped into the response.
	test('a Buffer answer sent with end() is translated', async () => {
		const answer = await callWith((res) => {
			res.setHeader('Content-Type', 'application/pdf');
			res.end(Buffer.from('%PDF-1.7 binary'));
		});
		expect(answer.status).toBe(200);
		expect(answer.type).toMatch(/^application\/json/);
		expect(answer.body).toEqual({
			successful: false,
			errors: [
				{ message: expect.stringContaining('stopped before an OpenDialog Action Response') },
			],
		});
	});

	test('an answer in OpenDialog format sent with end() goes out unchanged', async () => {
		const answer = await callWith((res) =>
			res.end(Buffer.from(JSON.stringify(actionSuccess({ tier: 'gold' })))),
		);
		expect(answer).toMatchObject({ status: 200, body: actionSuccess({ tier: 'gold' }) });
	});

	test('a streamed answer piped in chunks, then ended on the next tick as n8n does, is translated once', async () => {
		const answer = await callWith((res) => {
			const stream = Readable.from([Buffer.from('first part, '), Buffer.from('second part')]);
			stream.pipe(res as unknown as NodeJS.WritableStream, { end: false });
			stream.on('end', () => process.nextTick(() => res.end()));
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			successful: false,
			errors: [{ message: expect.stringContaining('(n8n said: "first part, second part")') }],
		});
	});

	test('end() after the answer, as n8n calls it once more, changes nothing', async () => {
		const answer = await callWith((res) => {
			res.status(200).json(actionSuccess({ tier: 'gold' }));
			res.end();
			res.end(Buffer.from('late'));
		});
		expect(answer.body).toEqual(actionSuccess({ tier: 'gold' }));
	});
});

// Before, the answer timeout's timer held the response (and through it the request and its
// body) for the whole Answer Timeout, up to 300 s, after the call was answered.
describe('once a call is answered, nothing of it is kept for the answer timeout', () => {
	test('the response, and the request and body it holds, can be garbage-collected', async () => {
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		let answered: WeakRef<ServerResponse> | undefined;
		await callWith(
			(res) => res.status(200).json(actionSuccess({})),
			300,
			(response) => (answered = new WeakRef(response)),
		);
		for (let round = 0; round < 10 && answered?.deref(); round++) {
			await new Promise((resolve) => setTimeout(resolve, 20));
			gc();
		}
		expect(answered?.deref()).toBeUndefined();
	});
});
