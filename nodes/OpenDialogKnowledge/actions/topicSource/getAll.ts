import {
	getManyProperties,
	readGetManyLimit,
	readTopicAddress,
	topicAddressProperties,
} from '../common';
import type { ItemOperation } from '../types';

export const getAll: ItemOperation = {
	properties: [
		...topicAddressProperties('topicSource', ['getAll']),
		...getManyProperties('topicSource'),
	],
	async execute(context, api, itemIndex) {
		const address = readTopicAddress(context, itemIndex);
		return await api.listSources(
			address.serviceId,
			address.topicId,
			readGetManyLimit(context, itemIndex),
			itemIndex,
		);
	},
};
