import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	getManyProperties,
	knowledgeServiceLocator,
	readGetManyLimit,
	readLocator,
} from '../common';
import type { ItemOperation } from '../types';

const properties: INodeProperties[] = [
	knowledgeServiceLocator('topic', ['getAll']),
	...getManyProperties('topic'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: ['topic'], operation: ['getAll'] } },
		options: [
			{
				displayName: 'Order By',
				name: 'orderBy',
				type: 'options',
				default: 'created_at',
				options: [
					{ name: 'Created At', value: 'created_at' },
					{ name: 'Name', value: 'name' },
					{ name: 'Updated At', value: 'updated_at' },
				],
			},
			{
				displayName: 'Order Direction',
				name: 'orderDir',
				type: 'options',
				default: 'desc',
				options: [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Only topics whose name contains this text',
			},
		],
	},
];

export const getAll: ItemOperation = {
	properties,
	async execute(context, api, itemIndex) {
		const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		return await api.listTopics(
			readLocator(context, 'knowledgeService', itemIndex),
			{
				search: String(filters.search ?? '').trim() || undefined,
				orderBy: filters.orderBy ? String(filters.orderBy) : undefined,
				orderDir:
					filters.orderDir === 'asc' ? 'asc' : filters.orderDir === 'desc' ? 'desc' : undefined,
				limit: readGetManyLimit(context, itemIndex),
			},
			itemIndex,
		);
	},
};
