/**
 * OpenDialog's Chat API (the webchat's own API) in its three generations, as the open-source
 * code and the cloud docs describe it:
 * - `v1`, open-source 1.x: `POST /incoming/webchat`, `GET /user/{id}/history`,
 *   `GET|POST /webchat-config`, no authentication;
 * - `v2`, the cloud until 3.0: the same routes (the later names `/incoming/chatApi` and
 *   `/chatApi-config` too), with the app key as a bearer token;
 * - `v3`, the cloud since 3.0: `/chat-api/message`, `/chat-api/history`,
 *   `/chat-api/configuration`, bearer app key plus `OPENDIALOG-USER-ID` and
 *   `OPENDIALOG-SCENARIO-ID` headers (422 without them), and, when anonymous authentication is
 *   on, a per-user cookie issued on the first call that every later call must send back.
 * Bodies and answers are the same in all three: Laravel's 422s for an invalid message, a 500
 * where the engine reads a missing key, one message as a bare object and anything else as a
 * list (`false` for an empty message), and an empty body for a `url_click`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

import {
	reply,
	type BotMessage,
	type ChatUser,
	type ConversationState,
	type IncomingContent,
} from './chat-scenario';
import { notFound, sendJson } from './laravel';

export type ChatGeneration = 'v1' | 'v2' | 'v3';

export interface ChatConfig {
	generation: ChatGeneration;
	appKey: string;
	/** The scenario the workspace runs; messages selecting another one find no conversation. */
	scenarioId: string;
	/** v3 only: the per-user anonymous-authentication cookie. */
	anonymousAuth: boolean;
}

export const CHAT_APP_KEY = '3377699721000000|chatAppKey7Qx9Lm2Pz';
export const CHAT_SCENARIO_ID = '3377699723000023';
export const ANONYMOUS_COOKIE = 'opendialog_anonymous_authentication_token';

export function defaultChatConfig(): ChatConfig {
	return {
		generation: 'v3',
		appKey: CHAT_APP_KEY,
		scenarioId: CHAT_SCENARIO_ID,
		anonymousAuth: false,
	};
}

type RouteKind = 'message' | 'history' | 'config';

const ROUTES: Record<
	ChatGeneration,
	Array<{ pattern: RegExp; kind: RouteKind; methods: string[] }>
> = {
	v1: [
		{ pattern: /^\/incoming\/webchat$/, kind: 'message', methods: ['POST'] },
		{ pattern: /^\/user\/([^/]+)\/history$/, kind: 'history', methods: ['GET'] },
		{ pattern: /^\/webchat-config$/, kind: 'config', methods: ['GET', 'POST'] },
	],
	v2: [
		{ pattern: /^\/incoming\/(webchat|chatApi)$/, kind: 'message', methods: ['POST'] },
		{ pattern: /^\/user\/([^/]+)\/history$/, kind: 'history', methods: ['GET'] },
		{ pattern: /^\/(webchat|chatApi)-config$/, kind: 'config', methods: ['GET', 'POST'] },
	],
	v3: [
		{ pattern: /^\/chat-api\/message$/, kind: 'message', methods: ['POST'] },
		{ pattern: /^\/chat-api\/history$/, kind: 'history', methods: ['GET'] },
		{ pattern: /^\/chat-api\/configuration$/, kind: 'config', methods: ['GET'] },
	],
};

const CHAT_PATH =
	/^\/(incoming\/|user\/[^/]+\/history$|webchat-config$|chatApi-config$|chat-api\/)/;

export function isChatPath(path: string): boolean {
	return CHAT_PATH.test(path);
}

const CONTENT_TYPES = [
	'text',
	'trigger',
	'chat_open',
	'button_response',
	'url_click',
	'longtext_response',
	'form_response',
];

/** A stored message, serialised as the Eloquent model the history endpoint returns. */
export interface HistoryRow {
	id: number;
	created_at: string;
	updated_at: string;
	user_id: string;
	author: string;
	message: string;
	type: string;
	data: Record<string, unknown>;
	message_id: string | null;
	user: ChatUser;
	microtime: string;
	intents: string[];
	conversation: string | null;
	scene: string | null;
}

/** Every incoming message as it arrived, for tests to read what a client sent. */
export interface ChatDelivery {
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	status: number;
}

const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const SHORT_MONTHS = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec',
];

/** PHP's `date('h:i A')` and `date('D j M')`. */
function phpTimeAndDate(now: Date): { time: string; date: string } {
	const hours = now.getUTCHours();
	const twelve = String(hours % 12 === 0 ? 12 : hours % 12).padStart(2, '0');
	const minutes = String(now.getUTCMinutes()).padStart(2, '0');
	return {
		time: `${twelve}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`,
		date: `${SHORT_DAYS[now.getUTCDay()]} ${now.getUTCDate()} ${SHORT_MONTHS[now.getUTCMonth()]}`,
	};
}

/** The engine's serialisation: base data keys, and all but the last message marked internal. */
export function serialiseReply(messages: BotMessage[], now = new Date()): unknown {
	const stamp = phpTimeAndDate(now);
	const posted = messages.map((message, index) => {
		if (!message) return false;
		const last = index === messages.length - 1;
		return {
			author: 'them',
			type: message.type,
			intent: message.intent,
			data: {
				disable_text: false,
				internal: !last,
				hidetime: !last,
				hideavatar: false,
				...stamp,
				...message.data,
			},
		};
	});
	return posted.length === 1 && posted[0] ? posted[0] : posted;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** IncomingWebchatMessage's rules, with Laravel's wording. */
export function validateMessage(body: unknown): Record<string, string[]> {
	const errors: Record<string, string[]> = {};
	const input = isObject(body) ? body : {};
	if (input.notification === undefined || input.notification === '')
		errors.notification = ['The notification field is required.'];
	else if (input.notification !== 'message')
		errors.notification = ['The selected notification is invalid.'];
	for (const field of ['user_id', 'author'] as const) {
		const label = field.replace('_', ' ');
		if (input[field] === undefined || input[field] === '')
			errors[field] = [`The ${label} field is required.`];
		else if (typeof input[field] !== 'string') errors[field] = [`The ${label} must be a string.`];
	}
	if (!isObject(input.content)) {
		errors.content = ['The content field is required.'];
		return errors;
	}
	const { type, callback_id: callbackId, user } = input.content;
	if (type !== undefined && !CONTENT_TYPES.includes(String(type)))
		errors['content.type'] = ['The selected content.type is invalid.'];
	if ((type === 'chat_open' || type === 'form_response') && !callbackId)
		errors['content.callback_id'] = [
			`The content.callback id field is required when content.type is ${String(type)}.`,
		];
	if (type === 'chat_open' && !user)
		errors['content.user'] = ['The content.user field is required when content.type is chat_open.'];
	return errors;
}

/** Keys the engine reads without checking: a missing one is an uncaught PHP error. */
function readsMissingKey(content: Record<string, unknown>): boolean {
	if (content.type === undefined || !isObject(content.data)) return true;
	if (content.type === 'text' && content.data.text === undefined) return true;
	return (content.type === 'trigger' || content.type === 'button_response') && !content.callback_id;
}

function laravel422(res: ServerResponse, errors: Record<string, string[]>): void {
	const fields = Object.keys(errors);
	const more = fields.length - 1;
	const first = errors[fields[0]][0];
	sendJson(res, 422, {
		message: more > 0 ? `${first} (and ${more} more error${more > 1 ? 's' : ''})` : first,
		errors,
	});
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
	for (const part of String(req.headers.cookie ?? '').split(';')) {
		const [key, ...value] = part.trim().split('=');
		if (key === name) return decodeURIComponent(value.join('='));
	}
	return undefined;
}

/** The chat side of one workspace: conversations, history and anonymous tokens per user. */
export class ChatWorkspace {
	readonly deliveries: ChatDelivery[] = [];

	private readonly states = new Map<string, ConversationState>();

	private readonly rows: HistoryRow[] = [];

	private readonly tokens = new Map<string, string>();

	private nextId = 1;

	constructor(private readonly config: () => ChatConfig) {}

	clear(): void {
		this.deliveries.length = 0;
		this.states.clear();
		this.rows.length = 0;
		this.tokens.clear();
		this.nextId = 1;
	}

	/** The anonymous token issued to a user, if any. */
	tokenOf(userId: string): string | undefined {
		return this.tokens.get(userId);
	}

	historyOf(userId: string): HistoryRow[] {
		return this.rows.filter((row) => row.user_id === userId);
	}

	/** Answers a chat route of the configured generation; false when the path is not one. */
	handle(req: IncomingMessage, res: ServerResponse, url: URL, body: unknown): boolean {
		const config = this.config();
		const route = ROUTES[config.generation].find((candidate) =>
			candidate.pattern.test(url.pathname),
		);
		if (!route) {
			if (!isChatPath(url.pathname)) return false;
			notFound(req, res);
			return true;
		}
		const delivery: ChatDelivery = { path: url.pathname, headers: req.headers, body, status: 0 };
		if (route.kind === 'message') {
			this.deliveries.push(delivery);
			res.on('finish', () => (delivery.status = res.statusCode));
		}
		if (!route.methods.includes(req.method ?? 'GET')) {
			sendJson(res, 405, {
				message: `The ${req.method} method is not supported for this route. Supported methods: ${route.methods.join(', ')}.`,
			});
			return true;
		}
		if (config.generation !== 'v1' && req.headers.authorization !== `Bearer ${config.appKey}`) {
			// Laravel's answer to a missing or wrong token on a route that requires one.
			sendJson(res, 401, { message: 'Unauthenticated.' });
			return true;
		}
		let userId: string | undefined;
		if (config.generation === 'v3') {
			userId = this.checkV3Headers(req, res, config);
			if (userId === undefined) return true;
		} else if (route.kind === 'history') {
			userId = decodeURIComponent(route.pattern.exec(url.pathname)![1]);
		}
		if (route.kind === 'message') this.receive(res, body);
		else if (route.kind === 'history') this.history(res, userId!, url.searchParams);
		else this.settings(res, userId ?? url.searchParams.get('user_id') ?? undefined);
		return true;
	}

	/** The v3 headers and cookie; answers the failure itself and returns undefined on one. */
	private checkV3Headers(
		req: IncomingMessage,
		res: ServerResponse,
		config: ChatConfig,
	): string | undefined {
		const userId = req.headers['opendialog-user-id'];
		const scenarioId = req.headers['opendialog-scenario-id'];
		const errors: Record<string, string[]> = {};
		if (typeof userId !== 'string' || userId === '')
			errors['OPENDIALOG-USER-ID'] = ['The OPENDIALOG-USER-ID header is required.'];
		if (typeof scenarioId !== 'string' || scenarioId === '')
			errors['OPENDIALOG-SCENARIO-ID'] = ['The OPENDIALOG-SCENARIO-ID header is required.'];
		else if (scenarioId !== config.scenarioId)
			errors['OPENDIALOG-SCENARIO-ID'] = ['The selected OPENDIALOG-SCENARIO-ID is invalid.'];
		if (Object.keys(errors).length > 0) {
			laravel422(res, errors);
			return undefined;
		}
		const user = userId as string;
		if (!config.anonymousAuth) return user;
		const issued = this.tokens.get(user);
		if (issued === undefined) {
			const token = `eyJ${randomBytes(24).toString('base64url')}`;
			this.tokens.set(user, token);
			res.setHeader(
				'Set-Cookie',
				`${ANONYMOUS_COOKIE}=${token}; expires=${new Date(Date.now() + 86_400_000).toUTCString()}; path=/; secure; httponly; samesite=none`,
			);
			return user;
		}
		if (readCookie(req, ANONYMOUS_COOKIE) !== issued) {
			sendJson(res, 401, { message: 'Unauthenticated.' });
			return undefined;
		}
		return user;
	}

	private receive(res: ServerResponse, body: unknown): void {
		const errors = validateMessage(body);
		if (Object.keys(errors).length > 0) {
			laravel422(res, errors);
			return;
		}
		const message = body as {
			user_id: string;
			message_id?: string;
			content: Record<string, unknown>;
		};
		if (readsMissingKey(message.content)) {
			sendJson(res, 500, { message: 'Server Error' });
			return;
		}
		const content = message.content as unknown as IncomingContent;
		const userId = message.user_id;
		if (content.type === 'url_click') {
			res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': 0 });
			res.end();
			return;
		}
		const state = this.states.get(userId) ?? { user: {} };
		this.states.set(userId, state);
		const selected =
			content.user?.custom?.selected_scenario ?? state.user.custom?.selected_scenario;
		const messages =
			selected === this.config().scenarioId
				? reply(content, state)
				: [
						{
							type: 'text',
							intent: null,
							data: { text: 'No conversations are defined or activated' },
						},
					];
		this.record(
			userId,
			userId,
			String(content.data.text ?? content.callback_id ?? ''),
			content.type,
			content.data,
			state.user,
			message.message_id ?? null,
		);
		const answer = serialiseReply(messages);
		for (const posted of Array.isArray(answer) ? answer : [answer]) {
			if (!posted) continue;
			const { type, intent, data } = posted as {
				type: string;
				intent: string | null;
				data: Record<string, unknown>;
			};
			this.record(userId, 'them', String(data.text ?? ''), type, data, state.user, null, intent);
		}
		sendJson(res, 200, answer);
	}

	private record(
		userId: string,
		author: string,
		text: string,
		type: string,
		data: Record<string, unknown>,
		user: ChatUser,
		messageId: string | null,
		intent?: string | null,
	): void {
		const id = this.nextId++;
		const at = new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString();
		this.rows.push({
			id,
			created_at: at.replace('Z', '000Z'),
			updated_at: at.replace('Z', '000Z'),
			user_id: userId,
			author,
			message: text,
			type,
			data,
			message_id: messageId,
			user: { ...user },
			microtime: `${at.slice(0, 10)} ${at.slice(11, 19)}.${String(id).padStart(6, '0')}`,
			intents: intent ? [intent] : [],
			conversation: 'support',
			scene: 'main',
		});
	}

	private history(res: ServerResponse, userId: string, query: URLSearchParams): void {
		const limit = Number(query.get('limit') ?? 10);
		const ignore = (query.get('ignore') ?? '').split(',').filter(Boolean);
		const rows = this.historyOf(userId)
			.filter((row) => !ignore.includes(row.type))
			.reverse()
			.slice(0, Number.isFinite(limit) && limit > 0 ? limit : 10);
		sendJson(res, 200, rows);
	}

	private settings(res: ServerResponse, userId: string | undefined): void {
		const known = userId !== undefined && this.historyOf(userId).length > 0;
		const settings = {
			general: {
				chatbotName: 'Acme assistant',
				messageDelay: 500,
				newUserOpenCallback: 'WELCOME',
				returningUserOpenCallback: 'WELCOME',
				ongoingUserOpenCallback: '',
			},
			colours: { headerBackground: '#1b2956' },
			webchatHistory: { showHistory: true, numberOfMessages: 10 },
			comments: {},
			userType: known ? 'returning' : 'new',
			showMinimized: false,
			openIntent: 'WELCOME',
		};
		if (this.config().generation === 'v3') {
			sendJson(res, 200, settings);
			return;
		}
		// The open-source controller returns json_encode()'s string: JSON sent as HTML.
		const text = JSON.stringify(settings);
		res.writeHead(200, {
			'Content-Type': 'text/html; charset=UTF-8',
			'Content-Length': Buffer.byteLength(text),
		});
		res.end(text);
	}
}
