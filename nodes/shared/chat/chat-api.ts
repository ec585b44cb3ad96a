/**
 * The Chat API's calls: the only place in this folder that sends requests. Each call carries
 * the generation's path and headers, the user's anonymous-authentication cookie when there
 * is one, and remembers a newly issued one. A message is retried only when OpenDialog turned
 * it away unread (429, 503); reads are retried on any server error.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { randomUUID } from 'crypto';

import { normaliseBaseUrl } from '../api/endpoints';
import { InputError } from '../items/input-error';
import { readTimeoutMs } from '../items/timeout-option';
import {
	describeStalled,
	describeUnreachable,
	isRetryable,
	retryDelayMs,
	type RetryPolicy,
} from '../transport/failures';
import { redactError } from '../transport/redact';
import { MAX_RETRIES, OpenDialogApiError, errorCode } from '../transport/request';
import { RETRY_BUDGET_TIMEOUTS, RetryBudget } from '../transport/retry-budget';
import { answerMessages } from './answers';
import {
	conversationKey,
	forgetCookie,
	issuedCookie,
	recallCookie,
	rememberCookie,
	type CookieJar,
} from './cookies';
import { chatHeaders, chatPath, readGeneration, type ChatEndpoint } from './endpoints';
import { describeChatFailure } from './failures';
import { buildMessageBody } from './message-body';
import type { BotMessage, ChatGeneration, ChatUserFields, OutgoingMessage } from './types';

export const CHAT_CREDENTIAL_NAME = 'openDialogChatApi';

export interface ChatConnection {
	baseUrl: string;
	generation: ChatGeneration;
	appKey: string;
	scenarioId: string;
	timeoutMs: number;
	retryBudget: RetryBudget;
	/** Anonymous-authentication cookies per conversation; the node keeps it between runs. */
	cookies: CookieJar;
}

export async function getChatConnection(
	context: IExecuteFunctions,
	options: IDataObject,
	cookies: CookieJar,
): Promise<ChatConnection> {
	const credentials = await context.getCredentials(CHAT_CREDENTIAL_NAME);
	try {
		const timeoutMs = readTimeoutMs(options);
		return {
			baseUrl: normaliseBaseUrl(String(credentials.baseUrl ?? '')),
			generation: readGeneration(credentials.generation),
			appKey: String(credentials.appToken ?? '').trim(),
			scenarioId: String(credentials.scenarioId ?? '').trim(),
			timeoutMs,
			retryBudget: new RetryBudget(timeoutMs * RETRY_BUDGET_TIMEOUTS),
			cookies,
		};
	} catch (error) {
		throw new NodeOperationError(context.getNode(), error as Error, {
			description: (error as Partial<InputError>).description,
		});
	}
}

interface ChatCall {
	method: IHttpRequestMethods;
	endpoint: ChatEndpoint;
	userId: string;
	qs?: IDataObject;
	body?: IDataObject;
	retry: RetryPolicy;
	/** What is being sent, in words, for error messages. */
	sending?: string;
	itemIndex: number;
}

/** Sends one message as the user and returns the bot's messages, in order. */
export async function sendChatMessage(
	context: IExecuteFunctions,
	connection: ChatConnection,
	input: { userId: string; message: OutgoingMessage; user: ChatUserFields; itemIndex: number },
): Promise<BotMessage[]> {
	const body = buildMessageBody({
		userId: input.userId,
		scenarioId: connection.scenarioId,
		message: input.message,
		user: input.user,
		messageId: randomUUID(),
	});
	const answer = await chatCall(context, connection, {
		method: 'POST',
		endpoint: 'message',
		userId: input.userId,
		body: body as unknown as IDataObject,
		retry: 'refused-only',
		sending: describeSending(input.message, input.userId),
		itemIndex: input.itemIndex,
	});
	return answerMessages(answer);
}

/** A user's stored messages as OpenDialog returns them: newest first. */
export async function getChatHistory(
	context: IExecuteFunctions,
	connection: ChatConnection,
	input: { userId: string; limit: number; ignore: string[]; itemIndex: number },
): Promise<IDataObject[]> {
	const qs: IDataObject = { limit: input.limit };
	if (input.ignore.length > 0) qs.ignore = input.ignore.join(',');
	const rows = await chatCall(context, connection, {
		method: 'GET',
		endpoint: 'history',
		userId: input.userId,
		qs,
		retry: 'idempotent',
		itemIndex: input.itemIndex,
	});
	return Array.isArray(rows)
		? (rows.filter((row) => row && typeof row === 'object') as IDataObject[])
		: [];
}

export function describeSending(message: OutgoingMessage, userId: string): string {
	const what =
		message.type === 'text'
			? `text "${message.text.length > 60 ? `${message.text.slice(0, 57)}...` : message.text}"`
			: `${message.type === 'trigger' ? 'trigger' : 'button reply'} "${message.callbackId}"`;
	return `${what} for user "${userId}"`;
}

async function chatCall(
	context: IExecuteFunctions,
	connection: ChatConnection,
	call: ChatCall,
): Promise<unknown> {
	const key = conversationKey(connection.scenarioId, call.userId);
	const cookie = recallCookie(connection.cookies, key);
	try {
		return await sendWithRetries(context, connection, call, key, cookie);
	} catch (error) {
		// Neither the app key nor the user's token leaves in any form.
		const token = cookie?.slice(cookie.indexOf('=') + 1) ?? '';
		throw redactError(redactError(error, connection.appKey), token);
	}
}

async function sendWithRetries(
	context: IExecuteFunctions,
	connection: ChatConnection,
	call: ChatCall,
	key: string,
	cookie: string | undefined,
): Promise<unknown> {
	const url = `${connection.baseUrl}${chatPath(connection.generation, call.endpoint, call.userId)}`;
	const headers = chatHeaders({ ...connection, userId: call.userId, cookie });
	for (let attempt = 0; ; attempt++) {
		const response = await send(context, connection, {
			url,
			method: call.method,
			headers,
			qs: call.qs,
			body: call.body,
			itemIndex: call.itemIndex,
		});
		const issued = issuedCookie(response.headers['set-cookie']);
		if (issued) rememberCookie(connection.cookies, key, issued);
		const { statusCode } = response;
		const body = parseBody(response.body);
		if (statusCode >= 200 && statusCode < 300 && body.ok) return body.value;
		if (statusCode === 401 && cookie) forgetCookie(connection.cookies, key);
		if (isRetryable(statusCode, call.retry) && attempt < MAX_RETRIES) {
			const delayMs = retryDelayMs(attempt, response.headers['retry-after']);
			if (connection.retryBudget.take(delayMs)) {
				await sleep(delayMs);
				continue;
			}
		}
		const failure = describeChatFailure({
			statusCode,
			body: body.value,
			url,
			generation: connection.generation,
			sending: call.sending,
			attempts: attempt + 1,
			secret: connection.appKey,
			location: response.headers.location as string | undefined,
		});
		throw new OpenDialogApiError(context.getNode(), failure, statusCode, call.itemIndex);
	}
}

/**
 * JSON whatever the content type (the open-source configuration answer is JSON sent as
 * HTML); an empty body is an answer without messages; anything else is not the Chat API.
 */
function parseBody(body: unknown): { ok: boolean; value: unknown } {
	if (typeof body !== 'string') return { ok: true, value: body };
	if (body.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		return { ok: false, value: body };
	}
}

async function send(
	context: IExecuteFunctions,
	connection: ChatConnection,
	request: {
		url: string;
		method: IHttpRequestMethods;
		headers: Record<string, string>;
		qs?: IDataObject;
		body?: IDataObject;
		itemIndex: number;
	},
): Promise<IN8nHttpFullResponse> {
	try {
		return (await context.helpers.httpRequest({
			method: request.method,
			url: request.url,
			headers: request.headers,
			qs: request.qs,
			body: request.body,
			json: true,
			// A redirect means a wrong URL or a stripped header; following it only hides that.
			disableFollowRedirect: true,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
			timeout: connection.timeoutMs,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const code = errorCode(error);
		const wasCancelled = !!context.getExecutionCancelSignal?.()?.aborted;
		const failure =
			code === 'ECONNABORTED' && !wasCancelled
				? describeStalled(request.url, connection.timeoutMs)
				: describeUnreachable(error, connection.baseUrl, connection.appKey, code);
		throw new NodeApiError(context.getNode(), failure.details as JsonObject, {
			message: failure.message,
			description: failure.description,
			itemIndex: request.itemIndex,
		});
	}
}
