/** Parameters shared by the Knowledge node's operations, and how they are read. */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { readName, type InvalidNameHandling } from '../../shared/public-api/knowledge/names';
import { InputError } from '../../shared/errors/input-error';
import { readLimit } from '../../OpenDialogDataExport/queries';

export type Resource = 'knowledgeService' | 'topic' | 'topicSource';

export function showFor(resource: Resource, operations: string[]) {
	return { show: { resource: [resource], operation: operations } };
}

function locator(
	name: string,
	displayName: string,
	description: string,
	searchListMethod: string,
	placeholder: string,
): (resource: Resource, operations: string[]) => INodeProperties {
	return (resource, operations) => ({
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: showFor(resource, operations),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder },
		],
	});
}

export const knowledgeServiceLocator = locator(
	'knowledgeService',
	'Knowledge Service',
	'The knowledge service (a RAG component of OpenDialog) to work in',
	'searchKnowledgeServices',
	'e.g. 9b2f0c3e-5a1d-4c1e-9f61-2b7d0c8a4e11',
);

export const topicLocator = locator(
	'topic',
	'Topic',
	'A topic of the knowledge service: a set of sources OpenDialog searches together',
	'searchTopics',
	'e.g. 3c1d2e4f-0a9b-4c8d-8e7f-6a5b4c3d2e1f',
);

/** Both locators of an operation that works on one topic. */
export function topicAddressProperties(
	resource: Resource,
	operations: string[],
): INodeProperties[] {
	return [knowledgeServiceLocator(resource, operations), topicLocator(resource, operations)];
}

/** The operation selector of a resource. */
export function operationProperty(
	resource: Resource,
	defaultOperation: string,
	options: INodePropertyOptions[],
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		default: defaultOperation,
		options,
	};
}

/** The topic an operation works on, as its two locators give it. */
export function readTopicAddress(
	context: IExecuteFunctions,
	itemIndex: number,
): { serviceId: string; topicId: string } {
	return {
		serviceId: readLocator(context, 'knowledgeService', itemIndex),
		topicId: readLocator(context, 'topic', itemIndex),
	};
}

export function getManyProperties(resource: Resource): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: showFor(resource, ['getAll']),
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { resource: [resource], operation: ['getAll'], returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

export const invalidNamesOption: INodeProperties = {
	displayName: 'Invalid Names',
	name: 'invalidNames',
	type: 'options',
	default: 'refuse',
	description:
		'What to do with a service or topic name OpenDialog would refuse: names may hold only letters, digits, "_" and "-"',
	options: [
		{
			name: 'Make Valid',
			value: 'slugify',
			description:
				'Replace spaces and other characters with "_", e.g. "Help Centre" → "Help_Centre"',
		},
		{
			name: 'Refuse',
			value: 'refuse',
			description: 'Stop the item with an error that shows the name and the rule',
		},
	],
};

/** The id a resource locator holds, whichever mode it is in. */
export function readLocator(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	const id = String(value ?? '').trim();
	if (id === '') {
		const label = name === 'knowledgeService' ? 'Knowledge Service' : 'Topic';
		throw new InputError(
			`'${label}' is empty`,
			`Pick the ${label.toLowerCase()} from the list or give its ID.`,
		);
	}
	return id;
}

export function readOptions(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return context.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

/** A service or topic name from a parameter, checked against OpenDialog's rule. */
export function readValidName(value: unknown, label: string, options: IDataObject): string {
	const handling: InvalidNameHandling = options.invalidNames === 'slugify' ? 'slugify' : 'refuse';
	return readName(value, label, handling);
}

/** Return All → undefined (no limit); otherwise the Limit, checked. */
export function readGetManyLimit(
	context: IExecuteFunctions,
	itemIndex: number,
): number | undefined {
	return readLimit(
		context.getNodeParameter('returnAll', itemIndex, false) as boolean,
		context.getNodeParameter('limit', itemIndex, 50),
	);
}
