import { knowledgeServiceLocator, readLocator, topicLocator } from '../common';
import type { ItemOperation } from '../types';
import { readSourceId, sourceIdProperty } from './source-id';

export const deleteSource: ItemOperation = {
	properties: [
		knowledgeServiceLocator('topicSource', ['delete']),
		topicLocator('topicSource', ['delete']),
		sourceIdProperty('delete'),
	],
	async execute(context, api, itemIndex) {
		const id = readSourceId(context, itemIndex);
		await api.deleteSource(
			readLocator(context, 'knowledgeService', itemIndex),
			readLocator(context, 'topic', itemIndex),
			id,
			itemIndex,
		);
		return { id, deleted: true };
	},
};
