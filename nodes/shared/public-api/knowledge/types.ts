/** Shapes of OpenDialog's Knowledge Service APIs, as documented. No n8n imports. */

export type SourceType = 'text' | 'url' | 'file';

export type VectorisationStatus = 'pending' | 'in_progress' | 'completed' | 'failed' | 'obsolete';

export interface ServiceConfiguration {
	description?: string;
	type?: string;
	chunk_size?: number;
	chunk_overlap?: number;
	top_k?: number;
	language_model_component_id?: string;
	language_model_configuration_name?: string;
	language_model_configuration?: {
		managed?: boolean;
		api_key?: string;
		tasks?: { embedding?: { model?: string } };
	};
	[key: string]: unknown;
}

export interface KnowledgeService {
	id: string;
	name: string;
	component_id?: string;
	scenario_id?: string;
	active?: boolean;
	type?: string;
	configuration?: ServiceConfiguration;
	created_at?: string;
	updated_at?: string;
	[key: string]: unknown;
}

export interface SourceConfiguration {
	/** The text, the URL, or the file name. */
	source?: string;
	name?: string;
	exclusion_classes?: unknown;
	exclusion_ids?: unknown;
	should_strip_tags?: boolean | null;
	vectorisation_status?: VectorisationStatus | string;
	[key: string]: unknown;
}

export interface TopicSource {
	id: string;
	topic_id?: string;
	type: SourceType | string;
	configuration: SourceConfiguration;
	[key: string]: unknown;
}

export interface Topic {
	id: string;
	name: string;
	description?: string;
	dataset_id?: string;
	status?: string;
	sources?: TopicSource[];
	created_at?: string;
	updated_at?: string;
	[key: string]: unknown;
}

/** A file as OpenDialog takes it: the content as a base64 data URI. */
export interface SourceFile {
	file: string;
	file_name: string;
	type: string;
}

/** What is sent to create a source, or to add or update one in a topic PATCH. */
export interface SourceDraft {
	type: SourceType;
	configuration: {
		name: string;
		source?: string;
		exclusion_classes?: string;
		exclusion_ids?: string;
		should_strip_tags?: boolean;
	};
	file?: SourceFile;
}

export type SourceOperation =
	| ({ operation: 'add' } & SourceDraft)
	| ({ operation: 'update'; id: string } & SourceDraft)
	| { operation: 'remove'; id: string };

export interface NewService {
	name: string;
	configuration: ServiceConfiguration;
}

export interface TopicFields {
	name?: string;
	description?: string;
}

export interface TopicListQuery {
	search?: string;
	orderBy?: string;
	orderDir?: 'asc' | 'desc';
	/** Topics wanted; undefined for all. */
	limit?: number;
}
