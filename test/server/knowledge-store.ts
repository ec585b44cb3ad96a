/**
 * The knowledge services of the local OpenDialog: services, their topics and the topics'
 * sources, and a vectorisation that moves each source `pending → in_progress → completed`
 * (or `failed`) as time passes. Statuses are worked out from the clock when read, so no
 * timer outlives a test.
 */
import { randomUUID } from 'node:crypto';

export interface KnowledgeConfig {
	/** How long a source stays `pending` after vectorisation is triggered, then `in_progress`. */
	pendingMs: number;
	inProgressMs: number;
	/** Sources whose name is listed here end `failed` instead of `completed`. */
	failingSourceNames: string[];
}

export function defaultKnowledgeConfig(): KnowledgeConfig {
	return { pendingMs: 100, inProgressMs: 200, failingSourceNames: [] };
}

export type SourceType = 'text' | 'url' | 'file';

export interface StoredService {
	id: string;
	name: string;
	scenario_id: string;
	active: boolean;
	type: string;
	configuration: Record<string, unknown>;
	created_at: string;
	updated_at: string;
}

export interface StoredTopic {
	id: string;
	serviceId: string;
	name: string;
	description: string;
	dataset_id: string;
	created_at: string;
	updated_at: string;
	/** Order of creation, to sort topics created in the same millisecond. */
	sequence: number;
}

export interface StoredFile {
	bytes: Buffer;
	fileName: string;
	mimeType: string;
}

export interface StoredSource {
	id: string;
	topicId: string;
	type: SourceType;
	configuration: Record<string, unknown>;
	/** A file source's content: OpenDialog keeps it but never returns it. */
	file?: StoredFile;
	/** When vectorisation was last triggered for this source; undefined until it is. */
	vectorisingSince?: number;
	lastVectorised: string | null;
	created_at: string;
	updated_at: string;
}

export type VectorisationStatus = 'pending' | 'in_progress' | 'completed' | 'failed';

export class KnowledgeStore {
	readonly services = new Map<string, StoredService>();

	readonly topics = new Map<string, StoredTopic>();

	readonly sources = new Map<string, StoredSource>();

	config: KnowledgeConfig = defaultKnowledgeConfig();

	private sequence = 0;

	clear(config: Partial<KnowledgeConfig> = {}): void {
		this.services.clear();
		this.topics.clear();
		this.sources.clear();
		this.config = { ...defaultKnowledgeConfig(), ...config };
	}

	addService(name: string, configuration: Record<string, unknown>): StoredService {
		const now = new Date().toISOString();
		const service: StoredService = {
			id: randomUUID(),
			name,
			scenario_id: '',
			active: true,
			type: 'knowledge_service',
			configuration,
			created_at: now,
			updated_at: now,
		};
		this.services.set(service.id, service);
		return service;
	}

	deleteService(id: string): void {
		for (const topic of this.topicsOf(id)) this.deleteTopic(topic.id);
		this.services.delete(id);
	}

	addTopic(serviceId: string, name: string, description: string): StoredTopic {
		const now = new Date().toISOString();
		const topic: StoredTopic = {
			id: randomUUID(),
			serviceId,
			name,
			description,
			dataset_id: randomUUID(),
			created_at: now,
			updated_at: now,
			sequence: ++this.sequence,
		};
		this.topics.set(topic.id, topic);
		return topic;
	}

	deleteTopic(id: string): void {
		for (const source of this.sourcesOf(id)) this.sources.delete(source.id);
		this.topics.delete(id);
	}

	topicsOf(serviceId: string): StoredTopic[] {
		return [...this.topics.values()].filter((topic) => topic.serviceId === serviceId);
	}

	sourcesOf(topicId: string): StoredSource[] {
		return [...this.sources.values()].filter((source) => source.topicId === topicId);
	}

	addSource(
		topicId: string,
		type: SourceType,
		configuration: Record<string, unknown>,
		file?: StoredFile,
	): StoredSource {
		const now = new Date().toISOString();
		const source: StoredSource = {
			id: randomUUID(),
			topicId,
			type,
			configuration,
			file,
			lastVectorised: null,
			created_at: now,
			updated_at: now,
		};
		this.sources.set(source.id, source);
		return source;
	}

	/** A changed source must be vectorised again: it is back to `pending`. */
	updateSource(
		source: StoredSource,
		type: SourceType,
		configuration: Record<string, unknown>,
		file?: StoredFile,
	): void {
		source.type = type;
		source.configuration = configuration;
		source.file = file;
		source.vectorisingSince = undefined;
		source.updated_at = new Date().toISOString();
	}

	/** Starts vectorisation of every source of the topic that is not already under way. */
	vectorise(topicId: string, now = Date.now()): void {
		for (const source of this.sourcesOf(topicId)) {
			if (this.statusOf(source, now) !== 'in_progress') source.vectorisingSince = now;
		}
	}

	statusOf(source: StoredSource, now = Date.now()): VectorisationStatus {
		if (source.vectorisingSince === undefined) return 'pending';
		const elapsed = now - source.vectorisingSince;
		if (elapsed < this.config.pendingMs) return 'pending';
		if (elapsed < this.config.pendingMs + this.config.inProgressMs) return 'in_progress';
		const name = String(source.configuration.name ?? '');
		return this.config.failingSourceNames.includes(name) ? 'failed' : 'completed';
	}

	/** A topic is as far along as its least advanced source. */
	topicStatus(topicId: string, now = Date.now()): VectorisationStatus | 'empty' {
		const statuses = this.sourcesOf(topicId).map((source) => this.statusOf(source, now));
		if (statuses.length === 0) return 'empty';
		for (const status of ['in_progress', 'pending', 'failed'] as const) {
			if (statuses.includes(status)) return status;
		}
		return 'completed';
	}

	/** A source as the API answers it: the stored configuration plus its vectorisation state. */
	sourceBody(source: StoredSource, now = Date.now()): Record<string, unknown> {
		const status = this.statusOf(source, now);
		const finishedAt =
			source.vectorisingSince === undefined
				? null
				: new Date(
						source.vectorisingSince + this.config.pendingMs + this.config.inProgressMs,
					).toISOString();
		return {
			id: source.id,
			topic_id: source.topicId,
			type: source.type,
			configuration: {
				exclusion_classes: null,
				exclusion_ids: null,
				should_strip_tags: source.type === 'text' ? null : false,
				vectorisation_interval: null,
				vectorisation_period: null,
				next_vectorisation: null,
				is_truncated: false,
				allow_truncation: true,
				will_revectorise: false,
				...source.configuration,
				vectorisation_status: status,
				last_vectorised: status === 'completed' ? finishedAt : source.lastVectorised,
			},
			created_at: source.created_at,
			updated_at: source.updated_at,
		};
	}

	topicBody(topic: StoredTopic): Record<string, unknown> {
		return {
			id: topic.id,
			name: topic.name,
			description: topic.description,
			dataset_id: topic.dataset_id,
			created_at: topic.created_at,
			updated_at: topic.updated_at,
		};
	}

	topicWithSources(topic: StoredTopic, now = Date.now()): Record<string, unknown> {
		return {
			...this.topicBody(topic),
			status: this.topicStatus(topic.id, now),
			sources: this.sourcesOf(topic.id).map((source) => this.sourceBody(source, now)),
		};
	}

	serviceBody(service: StoredService): Record<string, unknown> {
		return {
			id: service.id,
			name: service.name,
			component_id: 'language_processor.core.knowledge_service',
			scenario_id: service.scenario_id,
			active: service.active,
			type: service.type,
			configuration: withoutApiKey(service.configuration),
			created_at: service.created_at,
			updated_at: service.updated_at,
		};
	}
}

/** OpenDialog keeps a service's model API key but does not hand it back. */
function withoutApiKey(configuration: Record<string, unknown>): Record<string, unknown> {
	const model = configuration.language_model_configuration as Record<string, unknown> | undefined;
	if (!model || !('api_key' in model)) return configuration;
	const shown = { ...model };
	delete shown.api_key;
	return { ...configuration, language_model_configuration: shown };
}
