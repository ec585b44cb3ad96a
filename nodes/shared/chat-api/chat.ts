/**
 * The Chat API's calls. Each carries the generation's path and headers and the user's
 * anonymous-authentication cookie when there is one, and keeps a newly issued one. The
 * transport retries a message only when OpenDialog turned it away unread (429, 503).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { randomUUID } from 'crypto';

import { sendRequest, type ApiRequest } from '../transport/request';
import { answerMessages } from './answers';
import type { ChatConnection } from './connection';
import {
	conversationKey,
	forgetCookie,
	issuedCookie,
	recallCookie,
	rememberCookie,
} from './cookies';
import { chatHeaders, chatPath, type ChatEndpoint } from './endpoints';
import { describeChatFailure } from './failures';
import { buildMessageBody } from './message-body';
import type { BotMessage, ChatUserFields, OutgoingMessage } from './types';

interface ChatCall {
	method: 'GET' | 'POST';
	endpoint: ChatEndpoint;
	userId: string;
	qs?: IDataObject;
	body?: IDataObject;
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
	const token = cookie?.slice(cookie.indexOf('=') + 1);
	const request: ApiRequest = {
		method: call.method,
		path: chatPath(connection.generation, call.endpoint, call.userId),
		qs: call.qs,
		body: call.body,
		itemIndex: call.itemIndex,
		apiName: 'chat',
		headers: chatHeaders({
			generation: connection.generation,
			userId: call.userId,
			scenarioId: connection.scenarioId,
			cookie,
		}),
		emptyBodyAllowed: true,
		onResponseHeaders: (headers) => {
			const issued = issuedCookie(headers['set-cookie']);
			if (issued) rememberCookie(connection.cookies, key, issued);
		},
		describeFailure: (failed) => {
			// A refused token is worth nothing: the next message may get a fresh one.
			if (failed.statusCode === 401 && cookie) forgetCookie(connection.cookies, key);
			return describeChatFailure(failed, connection.generation, call.sending);
		},
	};
	// The user's token is a secret too: scrubbed like the app key.
	const secrets = token ? [...connection.secrets, token] : connection.secrets;
	return await sendRequest(context, { ...connection, secrets }, request);
}
