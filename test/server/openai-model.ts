/**
 * A local OpenAI-compatible chat model for agent tests: `/v1/chat/completions` answers from a
 * script of turns (tool calls, or a final message), plain or streamed, and every request is
 * recorded, so a test can read what the agent sent the model after each tool ran.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedToolCall {
	name: string;
	arguments: Record<string, unknown>;
}

export type Turn = { toolCalls: ScriptedToolCall[] } | { content: string };

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content?: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: Array<{
		type: 'function';
		function: { name: string; description?: string; parameters?: unknown };
	}>;
	stream?: boolean;
}

/** Said when the script has run out, so a misbehaving agent ends instead of looping. */
export const SCRIPT_ENDED = 'The scripted conversation has ended.';

export class ScriptedChatModel {
	readonly requests: ChatRequest[] = [];

	private turns: Turn[] = [];

	private callCounter = 0;

	private server?: Server;

	/** The Base URL an OpenAI credential points at, `/v1` included. */
	url = '';

	script(...turns: Turn[]): void {
		this.turns = turns;
		this.requests.length = 0;
		this.callCounter = 0;
	}

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			this.handle(req, res).catch((error: Error) => {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ error: { message: error.message } }));
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
		return this;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const path = new URL(req.url ?? '/', 'http://model').pathname;
		if (req.method === 'GET' && path === '/v1/models') {
			sendJson(res, 200, {
				object: 'list',
				data: [{ id: 'scripted-model', object: 'model', owned_by: 'tests' }],
			});
			return;
		}
		if (req.method !== 'POST' || path !== '/v1/chat/completions') {
			sendJson(res, 404, { error: { message: `No route ${req.method} ${path}` } });
			return;
		}
		const request = JSON.parse(await readBody(req)) as ChatRequest;
		this.requests.push(request);
		const turn = this.turns[this.requests.length - 1] ?? { content: SCRIPT_ENDED };
		const message =
			'content' in turn
				? { role: 'assistant', content: turn.content }
				: {
						role: 'assistant',
						content: null,
						tool_calls: turn.toolCalls.map((call) => ({
							id: `call_${++this.callCounter}`,
							type: 'function',
							function: { name: call.name, arguments: JSON.stringify(call.arguments) },
						})),
					};
		const finishReason = 'content' in turn ? 'stop' : 'tool_calls';
		if (request.stream) streamCompletion(res, request.model, message, finishReason);
		else
			sendJson(res, 200, {
				...completionHeader(request.model, 'chat.completion'),
				choices: [{ index: 0, message, finish_reason: finishReason }],
				usage: USAGE,
			});
	}
}

const USAGE = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function completionHeader(model: string, object: string) {
	return { id: 'chatcmpl-scripted', object, created: Math.floor(Date.now() / 1000), model };
}

function streamCompletion(
	res: ServerResponse,
	model: string,
	message: { content: string | null; tool_calls?: Array<Record<string, unknown>> },
	finishReason: string,
): void {
	res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
	const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
	const chunk = (delta: unknown, finish: string | null) =>
		send({
			...completionHeader(model, 'chat.completion.chunk'),
			choices: [{ index: 0, delta, finish_reason: finish }],
		});
	chunk(
		{
			role: 'assistant',
			content: message.content ?? null,
			...(message.tool_calls
				? { tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }
				: {}),
		},
		null,
	);
	chunk({}, finishReason);
	send({ ...completionHeader(model, 'chat.completion.chunk'), choices: [], usage: USAGE });
	res.end('data: [DONE]\n\n');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** The text of the tool results the agent sent back in a request, by tool call id. */
export function toolResults(request: ChatRequest): Map<string, string> {
	const results = new Map<string, string>();
	for (const message of request.messages) {
		if (message.role !== 'tool' || !message.tool_call_id) continue;
		const content = message.content;
		results.set(
			message.tool_call_id,
			typeof content === 'string'
				? content
				: (content ?? []).map((part) => part.text ?? '').join(''),
		);
	}
	return results;
}
