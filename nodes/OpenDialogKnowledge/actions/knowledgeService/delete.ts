import { knowledgeServiceLocator, readLocator } from '../common';
import type { ItemOperation } from '../types';

export const deleteService: ItemOperation = {
	properties: [knowledgeServiceLocator('knowledgeService', ['delete'])],
	async execute(context, api, itemIndex) {
		const id = readLocator(context, 'knowledgeService', itemIndex);
		await api.deleteService(id, itemIndex);
		return { id, deleted: true };
	},
};
