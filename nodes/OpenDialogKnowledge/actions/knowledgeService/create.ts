import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { NewService } from '../../../shared/public-api/knowledge/types';
import { InputError } from '../../../shared/errors/input-error';
import { readOptions, readValidName, showFor } from '../common';
import type { ItemOperation } from '../types';

const show = showFor('knowledgeService', ['create']);

/** Defaults that make a working service on a first run with OpenDialog's managed OpenAI. */
export const SERVICE_DEFAULTS = {
	chunkSize: 1000,
	chunkOverlap: 20,
	topK: 5,
	languageModel: 'language_model.core.open_ai',
	embeddingModel: 'text-embedding-3-small',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. help_centre',
		description: 'Letters, digits, "_" and "-" only (no spaces)',
		displayOptions: show,
	},
	{
		displayName: 'Language Model Configuration Name',
		name: 'languageModelConfigurationName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. default',
		description:
			'The name of the language model configuration in OpenDialog the service embeds with',
		displayOptions: show,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'API Key',
				name: 'apiKey',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					"The language model's API key, needed when the model is not managed by OpenDialog",
			},
			{
				displayName: 'Chunk Overlap',
				name: 'chunkOverlap',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 20,
				description: 'How much consecutive chunks overlap, 0–100',
			},
			{
				displayName: 'Chunk Size',
				name: 'chunkSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000,
				description: 'How large each piece of a source is when it is embedded',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Embedding Model',
				name: 'embeddingModel',
				type: 'string',
				default: 'text-embedding-3-small',
				description: 'The model that turns chunks into vectors',
			},
			{
				displayName: 'Language Model',
				name: 'languageModel',
				type: 'options',
				default: 'language_model.core.open_ai',
				options: [
					{ name: 'Azure OpenAI', value: 'language_model.core.azure_openai' },
					{ name: 'OpenAI', value: 'language_model.core.open_ai' },
				],
			},
			{
				displayName: 'Managed by OpenDialog',
				name: 'managed',
				type: 'boolean',
				default: true,
				description: "Whether OpenDialog's own model account is used; turn off to use your API key",
			},
			{
				displayName: 'Top K',
				name: 'topK',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5,
				description: 'How many chunks a search returns',
			},
		],
	},
];

function wholeNumber(value: unknown, label: string, min: number, max = Infinity): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < min || number > max) {
		const range = max === Infinity ? `at least ${min}` : `${min}–${max}`;
		throw new InputError(
			`'${label}' must be a whole number, ${range}; got ${JSON.stringify(value)}`,
			`Set '${label}' to a whole number, ${range}.`,
		);
	}
	return number;
}

/** The create body from the node's fields, with defaults for what is not set. Pure. */
export function buildNewService(
	name: string,
	modelConfigurationName: string,
	fields: IDataObject,
): NewService {
	if (modelConfigurationName.trim() === '') {
		throw new InputError(
			"'Language Model Configuration Name' is empty",
			'Give the name of a language model configuration of your OpenDialog workspace, e.g. default.',
		);
	}
	const managed = fields.managed !== false;
	const apiKey = String(fields.apiKey ?? '');
	if (!managed && apiKey === '') {
		throw new InputError(
			"'API Key' is needed when 'Managed by OpenDialog' is off",
			"Add the language model's API key, or turn 'Managed by OpenDialog' back on.",
		);
	}
	return {
		name,
		configuration: {
			description: String(fields.description ?? ''),
			type: 'knowledge_service',
			chunk_size: wholeNumber(fields.chunkSize ?? SERVICE_DEFAULTS.chunkSize, 'Chunk Size', 1),
			chunk_overlap: wholeNumber(
				fields.chunkOverlap ?? SERVICE_DEFAULTS.chunkOverlap,
				'Chunk Overlap',
				0,
				100,
			),
			top_k: wholeNumber(fields.topK ?? SERVICE_DEFAULTS.topK, 'Top K', 1),
			language_model_component_id: String(fields.languageModel ?? SERVICE_DEFAULTS.languageModel),
			language_model_configuration_name: modelConfigurationName.trim(),
			language_model_configuration: {
				managed,
				...(managed ? {} : { api_key: apiKey }),
				tasks: {
					embedding: { model: String(fields.embeddingModel || SERVICE_DEFAULTS.embeddingModel) },
				},
			},
		},
	};
}

export const create: ItemOperation = {
	properties,
	async execute(context, api, itemIndex) {
		const options = readOptions(context, itemIndex);
		const name = readValidName(context.getNodeParameter('name', itemIndex), 'Name', options);
		const service = buildNewService(
			name,
			String(context.getNodeParameter('languageModelConfigurationName', itemIndex, '')),
			context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		);
		return await api.createService(service, itemIndex);
	},
};
