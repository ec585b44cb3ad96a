/**
 * OpenDialog's Knowledge Service APIs: every call the Knowledge node makes, and the only file
 * of it that sends requests. Answers are turned into records by `answers.ts`.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import {
	describeFailure,
	describeStalled,
	describeUnreachable,
	isRetryable,
	retryDelayMs,
} from '../../transport/failures';
import { redactError } from '../../transport/redact';
import {
	errorCode,
	getConnection,
	MAX_RETRIES,
	OpenDialogApiError,
	type OpenDialogConnection,
} from '../../transport/request';
import { collectPages, pageSizeFor } from '../pagination';
import {
	readList,
	readPage,
	readService,
	readSource,
	readTopic,
	readTopicWithSources,
} from './answers';
import { knowledgePaths as paths } from './paths';
import type {
	KnowledgeService,
	NewService,
	SourceDraft,
	SourceOperation,
	Topic,
	TopicFields,
	TopicListQuery,
	TopicSource,
} from './types';

export type KnowledgeContext = IExecuteFunctions | ILoadOptionsFunctions;

/** Topics and sources per page: large pages mean fewer requests against the rate limit. */
export const KNOWLEDGE_PAGE_SIZE = 100;

interface KnowledgeCall {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** What a 404 means here, e.g. `Knowledge service "ks-1"`. */
	subject: string;
	/** A write is retried only when OpenDialog refused it before doing any work (429, 503). */
	write?: boolean;
}

/** The credential and request settings, for node runs and for the lists of resource locators. */
export async function knowledgeConnection(
	context: KnowledgeContext,
	options?: IDataObject,
): Promise<OpenDialogConnection> {
	// Both contexts read the credential the same way; the transport names only the first.
	return await getConnection(context as IExecuteFunctions, options);
}

async function knowledgeRequest(
	context: KnowledgeContext,
	connection: OpenDialogConnection,
	call: KnowledgeCall,
): Promise<unknown> {
	try {
		return await sendWithRetries(context, connection, call);
	} catch (error) {
		throw redactError(explainFailure(error, call), connection.secret);
	}
}

/** 404s name what was not found; a write that failed with a 5xx says it may have been done. */
function explainFailure(error: unknown, call: KnowledgeCall): unknown {
	if (!(error instanceof OpenDialogApiError)) return error;
	if (error.statusCode === 404) {
		error.message = `${call.subject} was not found in OpenDialog (404)`;
		error.description =
			"Check the ID, or pick it 'From list'. If the ID is right, check the credential's Base URL: it should be your OpenDialog workspace.";
	} else if (
		call.write &&
		error.statusCode >= 500 &&
		!isRetryable(error.statusCode, 'refused-only')
	) {
		error.description =
			'This change was not retried: OpenDialog may have made it before failing, and sending it again could make it twice. Check the topic in OpenDialog; a Sync run compares and repairs whatever is left.';
	}
	return error;
}

/**
 * Sends one call with the transport's rules: JSON Accept header, no redirects, the run's
 * timeout, retries with backoff within the run's retry budget, failures described alike.
 */
async function sendWithRetries(
	context: KnowledgeContext,
	connection: OpenDialogConnection,
	call: KnowledgeCall,
): Promise<unknown> {
	const url = `${connection.baseUrl}${call.path}`;
	const retry = call.write ? 'refused-only' : 'idempotent';
	const node = context.getNode();
	const stalled = () =>
		new OpenDialogApiError(
			node,
			describeStalled(url, connection.timeoutMs),
			undefined,
			call.itemIndex,
		);
	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequest({
				method: call.method,
				url,
				qs: call.qs,
				body: call.body,
				json: true,
				// Without it Laravel answers auth and validation failures with a 302 to an HTML page.
				headers: { Accept: 'application/json', Authorization: `Bearer ${connection.secret}` },
				disableFollowRedirect: true,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
				timeout: connection.timeoutMs,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			const code = errorCode(error);
			if (code === 'ECONNABORTED') throw stalled();
			const failure = describeUnreachable(error, connection.baseUrl, connection.secret, code);
			throw new NodeApiError(node, failure.details as JsonObject, {
				message: failure.message,
				description: failure.description,
				itemIndex: call.itemIndex,
			});
		}
		const { statusCode, body } = response;
		if (statusCode === 204) return undefined;
		if (statusCode >= 200 && statusCode < 300 && body && typeof body === 'object') return body;
		let retryBudgetSpentMs: number | undefined;
		if (isRetryable(statusCode, retry) && attempt < MAX_RETRIES) {
			const delayMs = retryDelayMs(attempt, response.headers['retry-after']);
			if (connection.retryBudget.take(delayMs)) {
				await sleep(delayMs);
				continue;
			}
			retryBudgetSpentMs = connection.retryBudget.spentMs;
		}
		const failure = describeFailure({
			statusCode,
			body,
			location: response.headers.location as string | undefined,
			baseUrl: connection.baseUrl,
			path: call.path,
			apiVersion: 'public',
			attempts: attempt + 1,
			secret: connection.secret,
			retry,
			retryBudgetSpentMs,
		});
		throw new OpenDialogApiError(node, failure, statusCode, call.itemIndex);
	}
}

const serviceSubject = (serviceId: string) => `Knowledge service ${JSON.stringify(serviceId)}`;
const topicSubject = (serviceId: string, topicId: string) =>
	`Topic ${JSON.stringify(topicId)} of knowledge service ${JSON.stringify(serviceId)}`;
const sourceSubject = (serviceId: string, topicId: string, sourceId: string) =>
	`Source ${JSON.stringify(sourceId)} of topic ${JSON.stringify(topicId)} (knowledge service ${JSON.stringify(serviceId)})`;

export type KnowledgeApi = ReturnType<typeof knowledgeApi>;

/** The knowledge calls of one node run, bound to its context and connection. */
export function knowledgeApi(context: KnowledgeContext, connection: OpenDialogConnection) {
	const send = async (call: KnowledgeCall) => await knowledgeRequest(context, connection, call);
	const api = {
		/** Every knowledge service: OpenDialog lists them all in one answer, without pages. */
		async listServices(itemIndex?: number): Promise<KnowledgeService[]> {
			const body = await send({
				method: 'GET',
				path: paths.services(),
				itemIndex,
				subject: 'The knowledge service list',
			});
			return readList<KnowledgeService>(body, 'knowledge services');
		},

		async getService(serviceId: string, itemIndex?: number): Promise<KnowledgeService> {
			const body = await send({
				method: 'GET',
				path: paths.service(serviceId),
				itemIndex,
				subject: serviceSubject(serviceId),
			});
			return readService(body);
		},

		async createService(service: NewService, itemIndex?: number): Promise<KnowledgeService> {
			const body = await send({
				method: 'POST',
				path: paths.services(),
				body: service as unknown as IDataObject,
				itemIndex,
				subject: 'The knowledge service list',
				write: true,
			});
			return readService(body);
		},

		async deleteService(serviceId: string, itemIndex?: number): Promise<void> {
			await send({
				method: 'DELETE',
				path: paths.service(serviceId),
				itemIndex,
				subject: serviceSubject(serviceId),
				write: true,
			});
		},

		/** Topics of a service, page after page until `limit` or the total the answers announce. */
		async listTopics(
			serviceId: string,
			query: TopicListQuery,
			itemIndex?: number,
		): Promise<Topic[]> {
			const perPage = pageSizeFor(query.limit, KNOWLEDGE_PAGE_SIZE);
			return await collectPages(
				async (page) => {
					const body = await send({
						method: 'GET',
						path: paths.topics(serviceId),
						qs: {
							...(query.search ? { search: query.search } : {}),
							...(query.orderBy ? { order_by: query.orderBy } : {}),
							...(query.orderDir ? { order_dir: query.orderDir } : {}),
							per_page: perPage,
							page,
						},
						itemIndex,
						subject: serviceSubject(serviceId),
					});
					return readPage<Topic>(body, page, 'topics');
				},
				{ limit: query.limit, keyOf: (topic) => topic.id },
			);
		},

		/** The topic whose name is exactly `name`, if the service has one (search matches parts too). */
		async findTopicByName(
			serviceId: string,
			name: string,
			itemIndex?: number,
		): Promise<Topic | undefined> {
			const found = await api.listTopics(serviceId, { search: name }, itemIndex);
			return found.find((topic) => topic.name === name);
		},

		async getTopic(serviceId: string, topicId: string, itemIndex?: number): Promise<Topic> {
			const body = await send({
				method: 'GET',
				path: paths.topic(serviceId, topicId),
				itemIndex,
				subject: topicSubject(serviceId, topicId),
			});
			return readTopic(body);
		},

		/** A topic with its status and every source, in one call. */
		async getTopicWithSources(
			serviceId: string,
			topicId: string,
			itemIndex?: number,
		): Promise<Topic & { sources: TopicSource[] }> {
			const body = await send({
				method: 'GET',
				path: paths.topicWithSources(serviceId, topicId),
				itemIndex,
				subject: topicSubject(serviceId, topicId),
			});
			return readTopicWithSources(body);
		},

		async createTopic(
			serviceId: string,
			fields: Required<TopicFields>,
			itemIndex?: number,
		): Promise<Topic> {
			const body = await send({
				method: 'POST',
				path: paths.topics(serviceId),
				body: { ...fields },
				itemIndex,
				subject: serviceSubject(serviceId),
				write: true,
			});
			return readTopic(body);
		},

		/** Creates a topic and its first sources in one call; OpenDialog answers 204 without the id. */
		async createTopicWithSources(
			serviceId: string,
			topic: Required<TopicFields> & { sources: SourceDraft[] },
			itemIndex?: number,
		): Promise<void> {
			await send({
				method: 'POST',
				path: paths.topicsWithSources(serviceId),
				body: topic as unknown as IDataObject,
				itemIndex,
				subject: serviceSubject(serviceId),
				write: true,
			});
		},

		async updateTopic(
			serviceId: string,
			topicId: string,
			fields: TopicFields,
			itemIndex?: number,
		): Promise<void> {
			await send({
				method: 'PUT',
				path: paths.topic(serviceId, topicId),
				body: { ...fields },
				itemIndex,
				subject: topicSubject(serviceId, topicId),
				write: true,
			});
		},

		/** Many source changes (and the topic's own fields) in one call, applied all or nothing. */
		async changeTopicSources(
			serviceId: string,
			topicId: string,
			change: TopicFields & { sources: SourceOperation[] },
			itemIndex?: number,
		): Promise<void> {
			await send({
				method: 'PATCH',
				path: paths.topicWithSources(serviceId, topicId),
				body: change as unknown as IDataObject,
				itemIndex,
				subject: topicSubject(serviceId, topicId),
				write: true,
			});
		},

		/** Starts vectorisation; OpenDialog answers `{"message": "Topic vectorization initiated"}`. */
		async vectoriseTopic(serviceId: string, topicId: string, itemIndex?: number): Promise<string> {
			const body = (await send({
				method: 'POST',
				path: paths.vectorise(serviceId, topicId),
				itemIndex,
				subject: topicSubject(serviceId, topicId),
				write: true,
			})) as { message?: unknown } | undefined;
			return typeof body?.message === 'string' ? body.message : 'Topic vectorization initiated';
		},

		/** The sources of a topic, page after page (an unpaged answer is read as one page). */
		async listSources(
			serviceId: string,
			topicId: string,
			limit: number | undefined,
			itemIndex?: number,
		): Promise<TopicSource[]> {
			const perPage = pageSizeFor(limit, KNOWLEDGE_PAGE_SIZE);
			return await collectPages(
				async (page) => {
					const body = await send({
						method: 'GET',
						path: paths.sources(serviceId, topicId),
						qs: { per_page: perPage, page },
						itemIndex,
						subject: topicSubject(serviceId, topicId),
					});
					return readPage<TopicSource>(body, page, 'topic sources');
				},
				{ limit, keyOf: (source) => source.id },
			);
		},

		async getSource(
			serviceId: string,
			topicId: string,
			sourceId: string,
			itemIndex?: number,
		): Promise<TopicSource> {
			const body = await send({
				method: 'GET',
				path: paths.source(serviceId, topicId, sourceId),
				itemIndex,
				subject: sourceSubject(serviceId, topicId, sourceId),
			});
			return readSource(body);
		},

		async createSource(
			serviceId: string,
			topicId: string,
			source: SourceDraft,
			itemIndex?: number,
		): Promise<TopicSource> {
			const body = await send({
				method: 'POST',
				path: paths.sources(serviceId, topicId),
				body: source as unknown as IDataObject,
				itemIndex,
				subject: topicSubject(serviceId, topicId),
				write: true,
			});
			return readSource(body);
		},

		async deleteSource(
			serviceId: string,
			topicId: string,
			sourceId: string,
			itemIndex?: number,
		): Promise<void> {
			await send({
				method: 'DELETE',
				path: paths.source(serviceId, topicId, sourceId),
				itemIndex,
				subject: sourceSubject(serviceId, topicId, sourceId),
				write: true,
			});
		},
	};
	return api;
}
