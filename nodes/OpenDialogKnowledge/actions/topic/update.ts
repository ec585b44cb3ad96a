import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { TopicFields } from '../../../shared/public-api/knowledge/types';
import { InputError } from '../../../shared/errors/input-error';
import {
	readOptions,
	readTopicAddress,
	readValidName,
	showFor,
	topicAddressProperties,
} from '../common';
import type { ItemOperation } from '../types';

const properties: INodeProperties[] = [
	...topicAddressProperties('topic', ['update']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor('topic', ['update']),
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Letters, digits, "_" and "-" only (no spaces)',
			},
		],
	},
];

/** OpenDialog answers the update with 204: the topic is read back to output it. */
export const update: ItemOperation = {
	properties,
	async execute(context, api, itemIndex) {
		const { serviceId, topicId } = readTopicAddress(context, itemIndex);
		const updates = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const fields: TopicFields = {};
		if (updates.name !== undefined) {
			fields.name = readValidName(updates.name, 'Name', readOptions(context, itemIndex));
		}
		if (updates.description !== undefined) fields.description = String(updates.description);
		if (Object.keys(fields).length === 0) {
			throw new InputError(
				'Nothing to update',
				"Add 'Name' or 'Description' under 'Update Fields'.",
			);
		}
		await api.updateTopic(serviceId, topicId, fields, itemIndex);
		return await api.getTopic(serviceId, topicId, itemIndex);
	},
};
