import { readTopicAddress, topicAddressProperties } from '../common';
import type { ItemOperation } from '../types';

/** The topic with its status and all its sources, in one call. */
export const get: ItemOperation = {
	properties: topicAddressProperties('topic', ['get']),
	async execute(context, api, itemIndex) {
		const address = readTopicAddress(context, itemIndex);
		return await api.getTopicWithSources(address.serviceId, address.topicId, itemIndex);
	},
};
