import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../common';
import type { KnowledgeOperation } from '../types';
import { create } from './create';
import { get } from './get';
import { getAll } from './getAll';
import { sync } from './sync';
import { update } from './update';
import { vectorise } from './vectorise';

export const topicOperations: Record<string, KnowledgeOperation> = {
	create,
	get,
	getAll,
	sync,
	update,
	vectorise,
};

export const topicProperties: INodeProperties[] = [
	operationProperty('topic', 'sync', [
		{ name: 'Create', value: 'create', action: 'Create a topic' },
		{ name: 'Get', value: 'get', action: 'Get a topic with its sources' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many topics' },
		{
			name: 'Sync Documents',
			value: 'sync',
			action: 'Sync documents into a topic',
			description:
				'Make a topic hold exactly the input documents: add new, update changed, remove the rest',
		},
		{ name: 'Update', value: 'update', action: 'Update a topic' },
		{
			name: 'Vectorise',
			value: 'vectorise',
			action: 'Vectorise a topic',
			description: 'Start vectorisation of the topic, and optionally wait for it to finish',
		},
	]),
	...Object.values(topicOperations).flatMap((operation) => operation.properties),
];
