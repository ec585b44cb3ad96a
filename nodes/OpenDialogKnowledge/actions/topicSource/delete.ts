import { readTopicAddress, topicAddressProperties } from '../common';
import type { ItemOperation } from '../types';
import { readSourceId, sourceIdProperty } from './source-id';

export const deleteSource: ItemOperation = {
	properties: [...topicAddressProperties('topicSource', ['delete']), sourceIdProperty('delete')],
	async execute(context, api, itemIndex) {
		const address = readTopicAddress(context, itemIndex);
		const id = readSourceId(context, itemIndex);
		await api.deleteSource(address.serviceId, address.topicId, id, itemIndex);
		return { id, deleted: true };
	},
};
