import type { INodeProperties } from 'n8n-workflow';

import {
	knowledgeServiceLocator,
	readLocator,
	readOptions,
	readValidName,
	showFor,
} from '../common';
import type { ItemOperation } from '../types';

const properties: INodeProperties[] = [
	knowledgeServiceLocator('topic', ['create']),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. returns_policy',
		description: 'Letters, digits, "_" and "-" only (no spaces)',
		displayOptions: showFor('topic', ['create']),
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		displayOptions: showFor('topic', ['create']),
	},
];

export const create: ItemOperation = {
	properties,
	async execute(context, api, itemIndex) {
		const name = readValidName(
			context.getNodeParameter('name', itemIndex),
			'Name',
			readOptions(context, itemIndex),
		);
		return await api.createTopic(
			readLocator(context, 'knowledgeService', itemIndex),
			{ name, description: String(context.getNodeParameter('description', itemIndex, '')) },
			itemIndex,
		);
	},
};
