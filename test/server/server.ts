/**
 * A local stand-in for an OpenDialog workspace, for tests, the benchmark and the demo. It
 * behaves as OpenDialog does (its docs and its Laravel source): both API generations, bearer auth,
 * Laravel's 302s without a JSON Accept header and its 401/404/422/429 bodies, a rate limit,
 * a generated tenant of any size, and faults injected on request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ChatWorkspace, defaultChatConfig, type ChatConfig } from './chat-routes';
import {
	defaultDataExports,
	handleDataExport,
	isDataExportPath,
	type DataExportsConfig,
} from './data-exports';
import {
	generateDeeplinks,
	type LinkAnswerOrder,
	type Scenario,
	type StoredLink,
} from './deeplinks-route';
import { applyTransportFault, type TransportFault } from './faults';
import {
	type AnswerStyle,
	handleInteractions,
	parseServerDate,
	readInteractionsQuery,
} from './interactions-route';
import { handleKnowledge, isKnowledgePath } from './knowledge-routes';
import { KnowledgeStore } from './knowledge-store';
import {
	notFound,
	sendHtml,
	sendJson,
	unauthenticated,
	validationFailed,
	wantsJson,
} from './laravel';
import { SCENARIOS, TenantStore, type TenantSpec, type UserData } from './tenant';
import { zonelessDates } from './zoneless-dates';

export type Generation = 'public' | 'legacy';

export interface RateLimit {
	perMinute: number;
	/** Shorter than 60 only to keep tests quick. */
	windowSeconds: number;
}

export interface ServerConfig {
	token: string;
	generations: Generation[];
	rateLimit: RateLimit | null;
	maxDatasetRows: number;
	fullpageWebchat: boolean;
	publicAcceptsAlias: boolean;
	scenarios: Scenario[];
	tenant?: TenantSpec;
	/** Overrides the short-link host; defaults to this server's /s/. */
	shortLinkBase?: string;
	/** Added to every API answer, to stand in for a network loopback does not have. */
	latencyMs?: number;
	/** A workspace too busy to answer longer interaction ranges fails them with a 500. */
	maxRangeSeconds?: number;
	/** Deeplink answers out of the order rows were sent in (a faulty workspace). */
	deeplinkAnswerOrder?: LinkAnswerOrder;
	/**
	 * How the interactions body is sent: `streamed` in chunks without a length (the default),
	 * or `laravel`, one buffered write with `Content-Length`, as a plain Laravel JSON response.
	 */
	answerStyle?: AnswerStyle;
	/**
	 * Interactions keyed by their index among all messages, bot ones included, as PHP encodes
	 * a filtered array that kept its keys: `{"0": …, "2": …}` instead of a list.
	 */
	interactionsWithHoles?: boolean;
	/** Which data exports the workspace has (a missing one answers 403), and their data. */
	dataExports: DataExportsConfig;
	/** The Chat API: which generation it speaks, its app key and scenario (chat-routes.ts). */
	chat: ChatConfig;
	/**
	 * A self-hosted workspace in another timezone (minutes from UTC) that writes interaction
	 * dates without a zone in its own time: see zoneless-dates.ts. Streamed answers only.
	 */
	zonelessDatesOffsetMinutes?: number;
}

export interface Fault {
	/** Substring of the path the fault applies to; every API path when absent. */
	path?: string;
	status?: number;
	retryAfter?: number;
	body?: string;
	contentType?: string;
	/** Waits this long, then answers normally unless a status is given too. */
	delayMs?: number;
	times?: number;
	/** Lets this many matching requests through before the fault starts. */
	skip?: number;
	/** A transport fault (stall, slow drip, cut body, no answer, token echoes): see faults.ts. */
	transport?: TransportFault;
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	authorized: boolean;
	accept: string;
	status: number;
}

export interface SeedMessage {
	user_id: string;
	type?: string;
	date: string;
	text?: string;
	data?: Record<string, unknown> | null;
	chatbot_user_data?: UserData;
}

export const DEFAULT_TOKEN = 'od-test-token-3f9c1a7e';

export function defaultConfig(): ServerConfig {
	return {
		token: DEFAULT_TOKEN,
		generations: ['public', 'legacy'],
		rateLimit: null,
		maxDatasetRows: 100,
		fullpageWebchat: true,
		publicAcceptsAlias: true,
		scenarios: SCENARIOS,
		dataExports: defaultDataExports(),
		chat: defaultChatConfig(),
	};
}

const ROUTES: Record<
	string,
	{ generation: Generation; method: string; kind: 'interactions' | 'deeplinks' }
> = {
	'/public/api/user-interactions': { generation: 'public', method: 'GET', kind: 'interactions' },
	'/public/api/generate-webchat-deep-link': {
		generation: 'public',
		method: 'POST',
		kind: 'deeplinks',
	},
	'/api/user-interactions': { generation: 'legacy', method: 'GET', kind: 'interactions' },
	'/api/generate-webchat-deeplink': { generation: 'legacy', method: 'POST', kind: 'deeplinks' },
};

export class OpenDialogTestServer {
	readonly config: ServerConfig;

	readonly store: TenantStore;

	readonly requests: LoggedRequest[] = [];

	readonly links = new Map<string, StoredLink>();

	readonly chat = new ChatWorkspace(() => this.config.chat);

	readonly knowledge = new KnowledgeStore();

	private faults: Fault[] = [];

	private rateWindow = { startedAt: 0, count: 0 };

	private linkCounter = 0;

	private readonly laravelAnswers = new Map<string, Buffer>();

	private server?: Server;

	url = '';

	constructor(config: Partial<ServerConfig> = {}) {
		this.config = { ...defaultConfig(), ...config };
		this.store = new TenantStore(this.config.tenant);
	}

	async start(port = 0, host = '127.0.0.1'): Promise<this> {
		this.server = createServer((req, res) => {
			this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent)
					sendJson(res, 500, { message: 'Server Error', detail: error.message });
				else res.destroy(error);
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
		const address = this.server.address() as AddressInfo;
		this.url = `http://${host}:${address.port}`;
		return this;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}

	configure(changes: Partial<ServerConfig>): void {
		this.laravelAnswers.clear();
		Object.assign(this.config, changes);
		if ('tenant' in changes) this.store.setSpec(changes.tenant);
		if ('rateLimit' in changes) this.rateWindow = { startedAt: 0, count: 0 };
	}

	injectFaults(...faults: Fault[]): void {
		this.faults.push(...faults.map((fault) => ({ times: 1, ...fault })));
	}

	clearFaults(): void {
		this.faults = [];
	}

	addMessages(messages: SeedMessage[]): void {
		this.laravelAnswers.clear();
		for (const message of messages) {
			const date = parseServerDate(message.date);
			if (date === undefined) throw new Error(`Bad seed date ${message.date}`);
			this.store.addMessage(
				{
					userId: message.user_id,
					type: message.type ?? 'text',
					date,
					text: message.text ?? '',
					data: message.data ?? null,
				},
				message.chatbot_user_data,
			);
		}
	}

	/** Back to a fresh state: no messages, faults, log or links; config kept unless given. */
	reset(config: Partial<ServerConfig> = {}): void {
		this.laravelAnswers.clear();
		Object.assign(
			this.config,
			defaultConfig(),
			{
				tenant: undefined,
				latencyMs: 0,
				shortLinkBase: undefined,
				maxRangeSeconds: undefined,
				deeplinkAnswerOrder: undefined,
				answerStyle: undefined,
				interactionsWithHoles: undefined,
				zonelessDatesOffsetMinutes: undefined,
			},
			config,
		);
		this.store.setSpec(this.config.tenant);
		this.store.clearMessages();
		this.faults = [];
		this.requests.length = 0;
		this.links.clear();
		this.chat.clear();
		this.knowledge.clear();
		this.rateWindow = { startedAt: 0, count: 0 };
	}

	apiRequests(kind?: 'interactions' | 'deeplinks'): LoggedRequest[] {
		return this.requests.filter((request) => {
			const route = ROUTES[request.path];
			return route && (!kind || route.kind === kind);
		});
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.url);
		const rawBody = await readBody(req);
		if (url.pathname.startsWith('/__admin/')) {
			await this.handleAdmin(req, res, url, rawBody);
			return;
		}
		if (url.pathname.startsWith('/s/')) {
			this.showLink(res, url.pathname.slice(3));
			return;
		}
		let body: unknown;
		try {
			body = rawBody === '' ? undefined : JSON.parse(rawBody);
		} catch {
			body = rawBody;
		}
		const entry: LoggedRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			body,
			authorized: req.headers.authorization === `Bearer ${this.config.token}`,
			accept: String(req.headers.accept ?? ''),
			status: 0,
		};
		this.requests.push(entry);
		res.on('finish', () => (entry.status = res.statusCode));
		await this.handleApi(req, res, url, body, entry.authorized);
	}

	private async handleApi(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		body: unknown,
		authorized: boolean,
	): Promise<void> {
		if (this.config.latencyMs)
			await new Promise((resolve) => setTimeout(resolve, this.config.latencyMs));
		if (await this.applyFault(res, url.pathname)) return;
		if (this.throttled(res)) return;
		if (this.chat.handle(req, res, url, body)) return;
		if (isDataExportPath(url.pathname)) {
			handleDataExport(req, res, url, {
				store: this.store,
				config: this.config.dataExports,
				publicApi: this.config.generations.includes('public'),
				authorized,
				baseUrl: this.url,
			});
			return;
		}
		if (isKnowledgePath(url.pathname) && this.config.generations.includes('public')) {
			handleKnowledge(req, res, url, body, {
				store: this.knowledge,
				authorized,
				baseUrl: this.url,
			});
			return;
		}

		const route = ROUTES[url.pathname];
		if (!route || !this.config.generations.includes(route.generation)) {
			notFound(req, res);
			return;
		}
		if (req.method !== route.method) {
			sendJson(res, 405, {
				message: `The ${req.method} method is not supported for this route. Supported methods: ${route.method}.`,
			});
			return;
		}
		if (!authorized) {
			unauthenticated(req, res, this.url);
			return;
		}
		if (route.kind === 'interactions') {
			const parsed = readInteractionsQuery(url.searchParams, route.generation);
			if ('errors' in parsed) validationFailed(req, res, parsed.errors, this.url);
			else if (parsed.query.to - parsed.query.from > (this.config.maxRangeSeconds ?? Infinity)) {
				sendJson(res, 500, { message: 'Server Error' });
			} else
				await handleInteractions(req, res, this.store, parsed.query, {
					style: this.config.answerStyle ?? 'streamed',
					withHoles: this.config.interactionsWithHoles ?? false,
					cache: this.laravelAnswers,
					writeDate:
						this.config.zonelessDatesOffsetMinutes === undefined
							? undefined
							: zonelessDates(this.config.zonelessDatesOffsetMinutes),
				});
			return;
		}
		if (!this.config.fullpageWebchat) {
			sendJson(res, 404, { message: 'Fullpage webchat routes are not enabled.' });
			return;
		}
		const outcome = generateDeeplinks(
			body,
			route.generation,
			{
				scenarios: this.config.scenarios,
				maxDatasetRows: this.config.maxDatasetRows,
				publicAcceptsAlias: this.config.publicAcceptsAlias,
				shortLinkBase: this.config.shortLinkBase ?? `${this.url}/s`,
				answerOrder: this.config.deeplinkAnswerOrder,
			},
			() => (++this.linkCounter).toString(36).padStart(6, '0'),
		);
		if (outcome.status === 422) {
			validationFailed(req, res, outcome.errors, this.url);
			return;
		}
		for (const link of outcome.links) this.links.set(link.code, link);
		sendJson(res, 200, outcome.body);
	}

	private async applyFault(res: ServerResponse, path: string): Promise<boolean> {
		const fault = this.faults.find((candidate) => !candidate.path || path.includes(candidate.path));
		if (!fault) return false;
		if (fault.skip) {
			fault.skip--;
			return false;
		}
		fault.times = (fault.times ?? 1) - 1;
		if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
		if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		if (fault.transport)
			return applyTransportFault(res, fault.transport, this.config.token, this.url);
		if (!fault.status) return false;
		const headers: Record<string, string> = {};
		if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
		if (fault.contentType?.includes('html') || (fault.body && /^\s*</.test(fault.body))) {
			sendHtml(res, fault.status, fault.body ?? '<html><body>Error</body></html>', headers);
		} else {
			const text = fault.body ?? JSON.stringify(defaultFaultBody(fault.status));
			res.writeHead(fault.status, {
				'Content-Type': fault.contentType ?? 'application/json',
				...headers,
			});
			res.end(text);
		}
		return true;
	}

	/** Laravel's throttle middleware: a fixed window per client, counted before auth. */
	private throttled(res: ServerResponse): boolean {
		const limit = this.config.rateLimit;
		if (!limit) return false;
		const now = Date.now();
		const windowMs = limit.windowSeconds * 1000;
		if (now - this.rateWindow.startedAt >= windowMs) this.rateWindow = { startedAt: now, count: 0 };
		this.rateWindow.count++;
		const remaining = Math.max(limit.perMinute - this.rateWindow.count, 0);
		res.setHeader('X-RateLimit-Limit', String(limit.perMinute));
		res.setHeader('X-RateLimit-Remaining', String(remaining));
		if (this.rateWindow.count <= limit.perMinute) return false;
		const retryAfter = Math.max(Math.ceil((this.rateWindow.startedAt + windowMs - now) / 1000), 1);
		sendJson(res, 429, { message: 'Too Many Attempts.' }, { 'Retry-After': String(retryAfter) });
		return true;
	}

	private showLink(res: ServerResponse, code: string): void {
		const link = this.links.get(code);
		if (!link) sendHtml(res, 404, '<html><body>Link not found</body></html>');
		else sendJson(res, 200, link);
	}

	private async handleAdmin(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		rawBody: string,
	): Promise<void> {
		const input = rawBody === '' ? {} : JSON.parse(rawBody);
		const action = `${req.method} ${url.pathname}`;
		switch (action) {
			case 'GET /__admin/requests':
				sendJson(res, 200, this.requests);
				return;
			case 'DELETE /__admin/requests':
				this.requests.length = 0;
				sendJson(res, 200, { ok: true });
				return;
			case 'GET /__admin/links':
				sendJson(res, 200, [...this.links.values()]);
				return;
			case 'POST /__admin/faults':
				this.injectFaults(...(Array.isArray(input) ? input : [input]));
				break;
			case 'POST /__admin/messages':
				this.addMessages(input);
				break;
			case 'POST /__admin/config':
				this.configure(input);
				break;
			case 'POST /__admin/reset':
				this.reset(input);
				break;
			default:
				if (wantsJson(req)) sendJson(res, 404, { message: `Unknown admin action ${action}` });
				else sendHtml(res, 404, 'unknown admin action');
				return;
		}
		sendJson(res, 200, { ok: true });
	}
}

function defaultFaultBody(status: number): Record<string, string> {
	if (status === 429) return { message: 'Too Many Attempts.' };
	if (status === 500) return { error: 'An error occurred while generating the deep link.' };
	if (status === 503) return { message: 'Service Unavailable' };
	return { message: `Error ${status}` };
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export async function startOpenDialogServer(
	config: Partial<ServerConfig> = {},
	port = 0,
): Promise<OpenDialogTestServer> {
	return new OpenDialogTestServer(config).start(port);
}
