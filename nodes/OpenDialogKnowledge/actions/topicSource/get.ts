import { knowledgeServiceLocator, readLocator, topicLocator } from '../common';
import type { ItemOperation } from '../types';
import { readSourceId, sourceIdProperty } from './source-id';

export const get: ItemOperation = {
	properties: [
		knowledgeServiceLocator('topicSource', ['get']),
		topicLocator('topicSource', ['get']),
		sourceIdProperty('get'),
	],
	async execute(context, api, itemIndex) {
		return await api.getSource(
			readLocator(context, 'knowledgeService', itemIndex),
			readLocator(context, 'topic', itemIndex),
			readSourceId(context, itemIndex),
			itemIndex,
		);
	},
};
