import { knowledgeServiceLocator, readLocator, topicLocator } from '../common';
import type { ItemOperation } from '../types';

/** The topic with its status and all its sources, in one call. */
export const get: ItemOperation = {
	properties: [knowledgeServiceLocator('topic', ['get']), topicLocator('topic', ['get'])],
	async execute(context, api, itemIndex) {
		return await api.getTopicWithSources(
			readLocator(context, 'knowledgeService', itemIndex),
			readLocator(context, 'topic', itemIndex),
			itemIndex,
		);
	},
};
