import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../common';
import type { ItemOperation } from '../types';
import { create } from './create';
import { deleteSource } from './delete';
import { get } from './get';
import { getAll } from './getAll';

export const topicSourceOperations: Record<string, ItemOperation> = {
	create,
	delete: deleteSource,
	get,
	getAll,
};

export const topicSourceProperties: INodeProperties[] = [
	operationProperty('topicSource', 'getAll', [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a topic source',
			description: 'Add text, a web page, or a file from binary data to a topic',
		},
		{ name: 'Delete', value: 'delete', action: 'Delete a topic source' },
		{ name: 'Get', value: 'get', action: 'Get a topic source' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many topic sources' },
	]),
	...Object.values(topicSourceOperations).flatMap((operation) => operation.properties),
];
