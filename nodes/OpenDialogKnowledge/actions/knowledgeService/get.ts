import { knowledgeServiceLocator, readLocator } from '../common';
import type { ItemOperation } from '../types';

export const get: ItemOperation = {
	properties: [knowledgeServiceLocator('knowledgeService', ['get'])],
	async execute(context, api, itemIndex) {
		return await api.getService(readLocator(context, 'knowledgeService', itemIndex), itemIndex);
	},
};
