import type { INodeProperties } from 'n8n-workflow';

import { readOptions, readTopicAddress, showFor, topicAddressProperties } from '../common';
import type { ItemOperation } from '../types';
import { readWaitSettings, vectorisationFailure, waitForVectorisation } from '../../vectorisation';

const properties: INodeProperties[] = [
	...topicAddressProperties('topic', ['vectorise']),
	{
		displayName: 'Wait for Vectorisation',
		name: 'waitForVectorisation',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until every source is vectorised (completed or failed); failed sources then fail the item, by name',
		displayOptions: showFor('topic', ['vectorise']),
	},
];

export const vectorise: ItemOperation = {
	properties,
	async execute(context, api, itemIndex) {
		const { serviceId, topicId } = readTopicAddress(context, itemIndex);
		const wait = context.getNodeParameter('waitForVectorisation', itemIndex, false) as boolean;
		const settings = wait ? readWaitSettings(readOptions(context, itemIndex)) : undefined;
		const message = await api.vectoriseTopic(serviceId, topicId, itemIndex);
		if (!settings) return { topicId, message };
		const { topic, summary } = await waitForVectorisation(
			api,
			serviceId,
			topicId,
			settings,
			itemIndex,
		);
		if (summary.failed.length > 0) throw vectorisationFailure(topic.name, summary.failed);
		return {
			topicId,
			name: topic.name,
			message,
			status: summary.status,
			completed: summary.completed,
		};
	},
};
