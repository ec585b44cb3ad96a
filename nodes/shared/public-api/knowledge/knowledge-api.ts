/**
 * OpenDialog's Knowledge Service APIs: every call the Knowledge node makes, sent through the
 * transport's one door. Answers are turned into records by `answers.ts`.
 */
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { isRetryable } from '../../transport/failures';
import { OpenDialogApiError, sendRequest, type RequestContext } from '../../transport/request';
import type { PublicApiConnection } from '../connection';
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
}

/**
 * One call through the transport (the knowledge APIs exist only in the public API, whatever
 * generation the credential names), which retries a write (POST, PUT, PATCH, DELETE) only when
 * OpenDialog refused it before doing any work (429, 503). A `204` has no body.
 */
async function knowledgeRequest(
	context: RequestContext,
	connection: PublicApiConnection,
	call: KnowledgeCall,
): Promise<unknown> {
	const { method, path, qs, body, itemIndex } = call;
	try {
		return await sendRequest(context, connection, {
			method,
			path,
			qs,
			body,
			itemIndex,
			apiName: 'public',
		});
	} catch (error) {
		throw explainFailure(error, call);
	}
}

/** 404s name what was not found; a write that failed with a 5xx says it may have been done. */
function explainFailure(error: unknown, call: KnowledgeCall): unknown {
	if (!(error instanceof OpenDialogApiError)) return error;
	const write = call.method !== 'GET';
	if (error.statusCode === 404) {
		error.message = `${call.subject} was not found in OpenDialog (404)`;
		error.description =
			"Check the ID, or pick it 'From list'. If the ID is right, check the credential's Base URL: it should be your OpenDialog workspace.";
	} else if (write && error.statusCode >= 500 && !isRetryable(error.statusCode, 'refused-only')) {
		error.description =
			'This change was not retried: OpenDialog may have made it before failing, and sending it again could make it twice. Check the topic in OpenDialog; a Sync run compares and repairs whatever is left.';
	}
	return error;
}

const serviceSubject = (serviceId: string) => `Knowledge service ${JSON.stringify(serviceId)}`;
const topicSubject = (serviceId: string, topicId: string) =>
	`Topic ${JSON.stringify(topicId)} of knowledge service ${JSON.stringify(serviceId)}`;
const sourceSubject = (serviceId: string, topicId: string, sourceId: string) =>
	`Source ${JSON.stringify(sourceId)} of topic ${JSON.stringify(topicId)} (knowledge service ${JSON.stringify(serviceId)})`;

export type KnowledgeApi = ReturnType<typeof knowledgeApi>;

/** The knowledge calls of one node run, bound to its context and connection. */
export function knowledgeApi(context: RequestContext, connection: PublicApiConnection) {
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
			// The model's API key is a secret too: scrubbed from anything OpenDialog echoes back.
			const apiKey = service.configuration.language_model_configuration?.api_key;
			const body = await knowledgeRequest(
				context,
				apiKey ? { ...connection, secrets: [...connection.secrets, apiKey] } : connection,
				{
					method: 'POST',
					path: paths.services(),
					body: service as unknown as IDataObject,
					itemIndex,
					subject: 'The knowledge service list',
				},
			);
			return readService(body);
		},

		async deleteService(serviceId: string, itemIndex?: number): Promise<void> {
			await send({
				method: 'DELETE',
				path: paths.service(serviceId),
				itemIndex,
				subject: serviceSubject(serviceId),
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
			});
		},

		/** Starts vectorisation; OpenDialog answers `{"message": "Topic vectorization initiated"}`. */
		async vectoriseTopic(serviceId: string, topicId: string, itemIndex?: number): Promise<string> {
			const body = (await send({
				method: 'POST',
				path: paths.vectorise(serviceId, topicId),
				itemIndex,
				subject: topicSubject(serviceId, topicId),
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
			});
		},
	};
	return api;
}
