/**
 * OpenDialog's Knowledge Service APIs (public API only): services, topics, topic sources,
 * vectorisation and the unified topic endpoints that carry many source changes at once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import {
	checkName,
	checkOperations,
	checkServiceConfiguration,
	checkSource,
	type Errors,
} from './knowledge-validation';
import type { KnowledgeStore, StoredService, StoredSource, StoredTopic } from './knowledge-store';
import { sendJson, unauthenticated, validationFailed } from './laravel';
import { readInteger } from './paging';

const BASE = '/public/api/';
const ROUTES: Array<{ pattern: RegExp; methods: string[]; handler: Handler }> = [];

interface Request {
	req: IncomingMessage;
	res: ServerResponse;
	store: KnowledgeStore;
	query: URLSearchParams;
	body: Record<string, unknown>;
	params: string[];
	baseUrl: string;
}

type Handler = (request: Request) => void;

function route(path: string, handlers: Record<string, Handler>): void {
	// `{}` stands for one path segment: an id.
	const pattern = new RegExp(`^${BASE}${path.replace(/\{\}/g, '([^/]+)')}$`);
	for (const [method, handler] of Object.entries(handlers)) {
		ROUTES.push({ pattern, methods: [method], handler });
	}
}

export function isKnowledgePath(path: string): boolean {
	return /^\/public\/api\/(knowledge-service|language-processor\/)/.test(path);
}

export interface KnowledgeRequestContext {
	store: KnowledgeStore;
	authorized: boolean;
	baseUrl: string;
}

export function handleKnowledge(
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	body: unknown,
	context: KnowledgeRequestContext,
): void {
	const matching = ROUTES.filter((candidate) => candidate.pattern.test(url.pathname));
	if (matching.length === 0) {
		sendJson(res, 404, { message: 'Resource not found.' });
		return;
	}
	const match = matching.find((candidate) => candidate.methods.includes(req.method ?? 'GET'));
	if (!match) {
		const allowed = matching.flatMap((candidate) => candidate.methods).join(', ');
		sendJson(res, 405, {
			message: `The ${req.method} method is not supported for this route. Supported methods: ${allowed}.`,
		});
		return;
	}
	if (!context.authorized) {
		unauthenticated(req, res, context.baseUrl);
		return;
	}
	match.handler({
		req,
		res,
		store: context.store,
		query: url.searchParams,
		body: body && typeof body === 'object' && !Array.isArray(body) ? (body as never) : {},
		params: match.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent),
		baseUrl: context.baseUrl,
	});
}

function notFound(res: ServerResponse): void {
	sendJson(res, 404, { message: 'Resource not found.' });
}

function noContent(res: ServerResponse): void {
	res.writeHead(204);
	res.end();
}

function invalid(request: Request, errors: Errors): boolean {
	if (Object.keys(errors).length === 0) return false;
	validationFailed(request.req, request.res, errors, request.baseUrl);
	return true;
}

function serviceOf(request: Request): StoredService | undefined {
	const service = request.store.services.get(request.params[0]);
	if (!service) notFound(request.res);
	return service;
}

function topicOf(request: Request): StoredTopic | undefined {
	const service = serviceOf(request);
	if (!service) return undefined;
	const topic = request.store.topics.get(request.params[1]);
	if (!topic || topic.serviceId !== service.id) {
		notFound(request.res);
		return undefined;
	}
	return topic;
}

/** Laravel's paginator as these lists answer it: `meta` has no `last_page`. */
function sendPage(request: Request, all: unknown[], errors: Errors): void {
	const perPage = readInteger(
		request.query,
		'per_page',
		'per page',
		{ min: 1, max: 100, fallback: 15 },
		errors,
	);
	const page = readInteger(request.query, 'page', 'page', { min: 1, fallback: 1 }, errors);
	if (invalid(request, errors)) return;
	sendJson(request.res, 200, {
		data: all.slice((page - 1) * perPage, page * perPage),
		meta: { current_page: page, per_page: perPage, total: all.length },
	});
}

route('knowledge-service', {
	GET: ({ res, store }) =>
		sendJson(res, 200, {
			data: [...store.services.values()].map((service) => store.serviceBody(service)),
		}),
	POST: (request) => {
		const { store, body } = request;
		const errors: Errors = {};
		checkName(body.name, errors, (name) =>
			[...store.services.values()].some((service) => service.name === name),
		);
		checkServiceConfiguration(body.configuration, errors);
		if (invalid(request, errors)) return;
		const service = store.addService(String(body.name), {
			type: 'knowledge_service',
			...(body.configuration as Record<string, unknown>),
		});
		sendJson(request.res, 201, { data: { ...store.serviceBody(service), scenario_count: 0 } });
	},
});

route('knowledge-service-count', {
	GET: ({ res, store }) => sendJson(res, 200, { data: { items_count: store.services.size } }),
});

route('knowledge-service/{}', {
	GET: (request) => {
		const service = serviceOf(request);
		if (service) sendJson(request.res, 200, { data: request.store.serviceBody(service) });
	},
	DELETE: (request) => {
		const service = serviceOf(request);
		if (!service) return;
		request.store.deleteService(service.id);
		noContent(request.res);
	},
});

const TOPICS = 'language-processor/{}/language-processor-topic';
const ORDER_FIELDS = ['name', 'created_at', 'updated_at'];

route(TOPICS, {
	GET: (request) => {
		const service = serviceOf(request);
		if (!service) return;
		const { query, store } = request;
		const errors: Errors = {};
		const orderBy = query.get('order_by') || 'created_at';
		const field = (ORDER_FIELDS.includes(orderBy) ? orderBy : 'created_at') as
			| 'name'
			| 'created_at'
			| 'updated_at';
		const orderDir = query.get('order_dir') || 'desc';
		if (!ORDER_FIELDS.includes(orderBy)) errors.order_by = ['The selected order by is invalid.'];
		if (orderDir !== 'asc' && orderDir !== 'desc') {
			errors.order_dir = ['The selected order dir is invalid.'];
		}
		const search = (query.get('search') ?? '').toLowerCase();
		const sign = orderDir === 'asc' ? 1 : -1;
		const topics = store
			.topicsOf(service.id)
			.filter((topic) => topic.name.toLowerCase().includes(search))
			.sort((a, b) => {
				const compared = a[field].localeCompare(b[field]) || a.sequence - b.sequence;
				return sign * compared;
			});
		sendPage(
			request,
			topics.map((topic) => store.topicBody(topic)),
			errors,
		);
	},
	POST: (request) => {
		const service = serviceOf(request);
		if (!service) return;
		const { body, store } = request;
		const errors: Errors = {};
		checkName(body.name, errors, (name) => store.topicsOf(service.id).some((t) => t.name === name));
		if (invalid(request, errors)) return;
		const topic = store.addTopic(service.id, String(body.name), String(body.description ?? ''));
		sendJson(request.res, 201, { data: store.topicBody(topic) });
	},
});

route(`${TOPICS}/{}`, {
	GET: (request) => {
		const topic = topicOf(request);
		if (topic) sendJson(request.res, 200, { data: request.store.topicBody(topic) });
	},
	PUT: (request) => {
		const topic = topicOf(request);
		if (!topic || !renameTopic(request, topic)) return;
		noContent(request.res);
	},
});

/** Applies `name`/`description` of a PUT or PATCH; false (and a 422 sent) when invalid. */
function renameTopic(request: Request, topic: StoredTopic, errors: Errors = {}): boolean {
	const { body, store } = request;
	checkName(
		body.name,
		errors,
		(name) => name !== topic.name && store.topicsOf(topic.serviceId).some((t) => t.name === name),
		false,
	);
	if (invalid(request, errors)) return false;
	if (typeof body.name === 'string' && body.name !== '') topic.name = body.name;
	if (typeof body.description === 'string') topic.description = body.description;
	topic.updated_at = new Date().toISOString();
	return true;
}

route(`${TOPICS}/{}/vectorise`, {
	POST: (request) => {
		const topic = topicOf(request);
		if (!topic) return;
		request.store.vectorise(topic.id);
		sendJson(request.res, 200, { message: 'Topic vectorization initiated' });
	},
});

const SOURCES = `${TOPICS}/{}/language-processor-topic-source`;

route(SOURCES, {
	GET: (request) => {
		const topic = topicOf(request);
		if (!topic) return;
		const { store } = request;
		sendPage(
			request,
			store.sourcesOf(topic.id).map((source) => store.sourceBody(source)),
			{},
		);
	},
	POST: (request) => {
		const topic = topicOf(request);
		if (!topic) return;
		const errors: Errors = {};
		const source = checkSource(request.body, '', errors);
		if (invalid(request, errors) || !source) return;
		const { store } = request;
		const stored = store.addSource(topic.id, source.type, source.configuration, source.file);
		sendJson(request.res, 201, { data: store.sourceBody(stored) });
	},
});

function sourceOf(request: Request): StoredSource | undefined {
	const topic = topicOf(request);
	if (!topic) return undefined;
	const source = request.store.sources.get(request.params[2]);
	if (source?.topicId === topic.id) return source;
	notFound(request.res);
	return undefined;
}

route(`${SOURCES}/{}`, {
	GET: (request) => {
		const source = sourceOf(request);
		if (source) sendJson(request.res, 200, { data: request.store.sourceBody(source) });
	},
	DELETE: (request) => {
		const source = sourceOf(request);
		if (!source) return;
		request.store.sources.delete(source.id);
		noContent(request.res);
	},
});

const UNIFIED = 'language-processor/{}/language-processor-topics';

route(UNIFIED, {
	POST: (request) => {
		const service = serviceOf(request);
		if (!service) return;
		const { body, store } = request;
		const errors: Errors = {};
		checkName(body.name, errors, (name) => store.topicsOf(service.id).some((t) => t.name === name));
		const sources = Array.isArray(body.sources) ? body.sources : [];
		if (sources.length === 0) errors.sources = ['The sources field is required.'];
		const checked = sources.map((source, index) =>
			checkSource(source, `sources.${index}.`, errors),
		);
		if (invalid(request, errors)) return;
		const topic = store.addTopic(service.id, String(body.name), String(body.description ?? ''));
		for (const source of checked) {
			store.addSource(topic.id, source!.type, source!.configuration, source!.file);
		}
		noContent(request.res);
	},
});

route(`${UNIFIED}/{}`, {
	GET: (request) => {
		const topic = topicOf(request);
		if (topic) sendJson(request.res, 200, { data: request.store.topicWithSources(topic) });
	},
	PATCH: (request) => {
		const topic = topicOf(request);
		if (!topic) return;
		const { store } = request;
		const errors: Errors = {};
		const known = new Set(store.sourcesOf(topic.id).map((source) => source.id));
		const operations = checkOperations(request.body.sources, known, errors);
		// All or nothing: every operation is checked before the first is applied.
		if (!renameTopic(request, topic, errors)) return;
		for (const change of operations) {
			if (change.operation === 'remove') store.sources.delete(change.id);
			else if (change.operation === 'add') {
				store.addSource(
					topic.id,
					change.source.type,
					change.source.configuration,
					change.source.file,
				);
			} else {
				const { type, configuration, file } = change.source;
				store.updateSource(store.sources.get(change.id)!, type, configuration, file);
			}
		}
		noContent(request.res);
	},
});
