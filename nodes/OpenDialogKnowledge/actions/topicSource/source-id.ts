import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors/input-error';
import { showFor } from '../common';

export function sourceIdProperty(operation: string): INodeProperties {
	return {
		displayName: 'Source ID',
		name: 'sourceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7f1e2d3c-4b5a-4968-8776-655443322110',
		description: 'The ID of the source, as Get Many or Sync output it',
		displayOptions: showFor('topicSource', [operation]),
	};
}

export function readSourceId(context: IExecuteFunctions, itemIndex: number): string {
	const id = String(context.getNodeParameter('sourceId', itemIndex, '') ?? '').trim();
	if (id === '')
		throw new InputError("'Source ID' is empty", 'Give the ID of the source, e.g. from Get Many.');
	return id;
}
