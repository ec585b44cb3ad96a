import {
	getManyProperties,
	knowledgeServiceLocator,
	readGetManyLimit,
	readLocator,
	topicLocator,
} from '../common';
import type { ItemOperation } from '../types';

export const getAll: ItemOperation = {
	properties: [
		knowledgeServiceLocator('topicSource', ['getAll']),
		topicLocator('topicSource', ['getAll']),
		...getManyProperties('topicSource'),
	],
	async execute(context, api, itemIndex) {
		return await api.listSources(
			readLocator(context, 'knowledgeService', itemIndex),
			readLocator(context, 'topic', itemIndex),
			readGetManyLimit(context, itemIndex),
			itemIndex,
		);
	},
};
