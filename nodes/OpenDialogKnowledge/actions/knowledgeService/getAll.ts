import { getManyProperties, readGetManyLimit } from '../common';
import type { ItemOperation } from '../types';

/** OpenDialog lists every service in one answer; the limit is applied here. */
export const getAll: ItemOperation = {
	properties: getManyProperties('knowledgeService'),
	async execute(context, api, itemIndex) {
		const limit = readGetManyLimit(context, itemIndex);
		const services = await api.listServices(itemIndex);
		return limit === undefined ? services : services.slice(0, limit);
	},
};
