import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../common';
import type { ItemOperation } from '../types';
import { create } from './create';
import { deleteService } from './delete';
import { get } from './get';
import { getAll } from './getAll';

export const knowledgeServiceOperations: Record<string, ItemOperation> = {
	create,
	delete: deleteService,
	get,
	getAll,
};

export const knowledgeServiceProperties: INodeProperties[] = [
	operationProperty('knowledgeService', 'getAll', [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a knowledge service',
			description: 'Create a knowledge service with its chunking and embedding settings',
		},
		{ name: 'Delete', value: 'delete', action: 'Delete a knowledge service' },
		{ name: 'Get', value: 'get', action: 'Get a knowledge service' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many knowledge services' },
	]),
	...Object.values(knowledgeServiceOperations).flatMap((operation) => operation.properties),
];
