import type { INodeProperties } from 'n8n-workflow';

import { timeoutOption } from '../shared/properties/timeout-option';
import { invalidNamesOption } from './actions/common';
import { knowledgeServiceProperties } from './actions/knowledgeService';
import { maxFileSizeOption } from './actions/source-fields';
import { topicProperties } from './actions/topic';
import { syncOptions } from './actions/topic/sync';
import { topicSourceProperties } from './actions/topicSource';
import { waitOptions } from './vectorisation';

function onlyFor(operations: string[], option: INodeProperties): INodeProperties {
	return { ...option, displayOptions: { show: { '/operation': operations } } };
}

export const knowledgeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'topic',
		options: [
			{ name: 'Knowledge Service', value: 'knowledgeService' },
			{ name: 'Topic', value: 'topic' },
			{ name: 'Topic Source', value: 'topicSource' },
		],
	},
	...knowledgeServiceProperties,
	...topicProperties,
	...topicSourceProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			onlyFor(['create', 'update', 'sync'], invalidNamesOption),
			...syncOptions.map((option) => onlyFor(['sync'], option)),
			onlyFor(['create', 'sync'], maxFileSizeOption),
			timeoutOption,
			...waitOptions.map((option) => onlyFor(['vectorise', 'sync'], option)),
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];
