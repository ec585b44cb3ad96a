import { readTopicAddress, topicAddressProperties } from '../common';
import type { ItemOperation } from '../types';
import { readSourceId, sourceIdProperty } from './source-id';

export const get: ItemOperation = {
	properties: [...topicAddressProperties('topicSource', ['get']), sourceIdProperty('get')],
	async execute(context, api, itemIndex) {
		const address = readTopicAddress(context, itemIndex);
		return await api.getSource(
			address.serviceId,
			address.topicId,
			readSourceId(context, itemIndex),
			itemIndex,
		);
	},
};
