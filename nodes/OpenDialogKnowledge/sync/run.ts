/**
 * One topic's Sync against OpenDialog: read the topic (or create it with the documents), send
 * what changed in as few PATCHes as the body size allows, then vectorise when asked.
 */
import type { IDataObject } from 'n8n-workflow';

import { sourceName } from '../../shared/public-api/knowledge/answers';
import type { KnowledgeApi } from '../../shared/public-api/knowledge/knowledge-api';
import type { SourceDraft, Topic, TopicSource } from '../../shared/public-api/knowledge/types';
import { OpenDialogApiError } from '../../shared/transport/request';
import { toSourceDraft } from '../actions/topicSource/create';
import type { Outcome } from '../actions/types';
import {
	readWaitSettings,
	vectorisationFailure,
	waitForVectorisation,
	type VectorisationSummary,
	type WaitSettings,
} from '../vectorisation';
import { fileNameWithHash } from './fingerprint';
import {
	batchOperations,
	planOperations,
	planSync,
	type PlannedOperation,
	type SyncDocument,
	type SyncPlan,
} from './plan';

/** Largest request body one PATCH carries; more changes go in further PATCHes. */
export const MAX_PATCH_BYTES = 16 * 1024 * 1024;

export type VectorisationChoice = 'none' | 'start' | 'wait';

export interface SyncSettings {
	keepUnlisted: boolean;
	vectorisation: VectorisationChoice;
	wait?: WaitSettings;
	topicDescription: string;
}

/** The documents of one topic, and the input items that belong to it. */
export interface SyncGroup {
	serviceId: string;
	topicName: string;
	documents: SyncDocument[];
	/** Every input item of this topic, the invalid ones included. */
	itemIndexes: number[];
	/** An invalid item may name a source that must stay: nothing is removed then. */
	hasInvalidItems: boolean;
}

/** A file goes up under a name that carries its content hash; other sources as they are. */
function syncDraft(document: SyncDocument): SourceDraft {
	const fileName =
		document.file && document.contentHash
			? fileNameWithHash(document.file.fileName, document.contentHash)
			: undefined;
	return toSourceDraft(document, fileName);
}

export function readSyncSettings(options: IDataObject): SyncSettings {
	const vectorisation = (options.vectorisation ?? 'start') as VectorisationChoice;
	return {
		keepUnlisted: options.keepUnlisted === true,
		vectorisation,
		wait: vectorisation === 'wait' ? readWaitSettings(options) : undefined,
		topicDescription: String(options.topicDescription ?? ''),
	};
}

export async function syncGroup(
	api: KnowledgeApi,
	group: SyncGroup,
	settings: SyncSettings,
): Promise<Outcome[]> {
	const itemIndex = group.itemIndexes[0];
	const { serviceId, topicName } = group;
	let topic = await api.findTopicByName(serviceId, topicName, itemIndex);
	let plan: SyncPlan;
	let operations: PlannedOperation[];
	if (topic) {
		const current = await api.getTopicWithSources(serviceId, topic.id, itemIndex);
		plan = planSync(
			group.documents,
			current.sources,
			settings.keepUnlisted || group.hasInvalidItems,
		);
		operations = planOperations(plan, syncDraft);
		for (const batch of batchOperations(operations, MAX_PATCH_BYTES)) {
			await sendBatch(api, serviceId, topic.id, batch, itemIndex);
		}
	} else {
		plan = planSync(group.documents, [], true);
		operations = planOperations(plan, syncDraft);
		topic = await createTopic(api, group, settings, operations);
	}

	const changed = operations.length > 0;
	let sources: TopicSource[] | undefined;
	let summary: VectorisationSummary | undefined;
	if (changed && settings.vectorisation !== 'none') {
		await api.vectoriseTopic(serviceId, topic.id, itemIndex);
		if (settings.wait) {
			const waited = await waitForVectorisation(api, serviceId, topic.id, settings.wait, itemIndex);
			sources = waited.topic.sources;
			summary = waited.summary;
		}
	}
	// Added sources get their ids from OpenDialog: read them back by name.
	if (!sources && plan.documents.some((entry) => entry.action === 'added')) {
		sources = (await api.getTopicWithSources(serviceId, topic.id, itemIndex)).sources;
	}
	return outcomes(group, topic, plan, sources, summary);
}

/**
 * A missing topic is created with its documents in one call (OpenDialog answers without the
 * id, so the topic is looked up by name after); further batches follow as PATCHes.
 */
async function createTopic(
	api: KnowledgeApi,
	group: SyncGroup,
	settings: SyncSettings,
	operations: PlannedOperation[],
): Promise<Topic> {
	const itemIndex = group.itemIndexes[0];
	const { serviceId, topicName: name } = group;
	const description = settings.topicDescription;
	const [first, ...rest] = batchOperations(operations, MAX_PATCH_BYTES);
	if (!first) return await api.createTopic(serviceId, { name, description }, itemIndex);
	const sources = first.map(({ operation }) => {
		const { type, configuration, file } = operation as SourceDraft;
		return { type, configuration, ...(file ? { file } : {}) };
	});
	try {
		await api.createTopicWithSources(serviceId, { name, description, sources }, itemIndex);
	} catch (error) {
		throw explainRefusal(error, first);
	}
	const topic = await api.findTopicByName(serviceId, name, itemIndex);
	if (!topic) {
		throw new Error(
			`OpenDialog accepted topic ${JSON.stringify(name)} but does not list it; run the node again to finish the sync`,
		);
	}
	for (const batch of rest) await sendBatch(api, serviceId, topic.id, batch, itemIndex);
	return topic;
}

async function sendBatch(
	api: KnowledgeApi,
	serviceId: string,
	topicId: string,
	batch: PlannedOperation[],
	itemIndex: number,
): Promise<void> {
	try {
		await api.changeTopicSources(
			serviceId,
			topicId,
			{ sources: batch.map(({ operation }) => operation) },
			itemIndex,
		);
	} catch (error) {
		throw explainRefusal(error, batch);
	}
}

/** A 422 names `sources.<i>.<field>`: the message names the document and its item instead. */
export function explainRefusal(error: unknown, batch: PlannedOperation[]): unknown {
	if (!(error instanceof OpenDialogApiError) || error.statusCode !== 422) return error;
	const named = Object.entries(error.fieldErrors).map(([field, messages]) => {
		const match = /^sources\.(\d+)\.?(.*)$/.exec(field);
		const planned = match ? batch[Number(match[1])] : undefined;
		if (!planned) return `${field}: ${messages.join(' ')}`;
		const where =
			planned.itemIndex === undefined ? 'source' : `document of item ${planned.itemIndex}`;
		return `${where} ${JSON.stringify(planned.name)}, ${match![2] || 'source'}: ${messages.join(' ')}`;
	});
	if (named.length > 0) error.message = `OpenDialog refused the sync: ${named.join('; ')}`;
	error.description =
		'Nothing of this change was applied. Fix the values named above and run the node again.';
	return error;
}

function outcomes(
	group: SyncGroup,
	topic: Topic,
	plan: SyncPlan,
	sources: TopicSource[] | undefined,
	summary: VectorisationSummary | undefined,
): Outcome[] {
	const idByName = new Map<string, string>();
	for (const source of sources ?? []) {
		if (!idByName.has(sourceName(source))) idByName.set(sourceName(source), source.id);
	}
	const failed = new Set(summary?.failed ?? []);
	const common = { topicId: topic.id, topicName: topic.name, knowledgeServiceId: group.serviceId };
	const result: Outcome[] = plan.documents.map(({ document, action, sourceId }) => {
		if (failed.has(document.name)) {
			return {
				error: vectorisationFailure(topic.name, [document.name]),
				itemIndex: document.itemIndex,
			};
		}
		return {
			json: {
				action,
				name: document.name,
				type: document.type,
				sourceId: sourceId ?? idByName.get(document.name) ?? null,
				...common,
				...(summary ? { vectorisation: 'completed' } : {}),
			},
			pairedItem: document.itemIndex,
		};
	});
	// A removal comes from the input as a whole, so it is paired with every item of the topic.
	for (const source of plan.removals) {
		result.push({
			json: {
				action: 'removed',
				name: sourceName(source),
				type: source.type,
				sourceId: source.id,
				...common,
			},
			pairedItem: group.itemIndexes,
		});
	}
	return result;
}
