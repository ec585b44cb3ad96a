import type { INodeProperties } from 'n8n-workflow';

import { attributePairsProperty } from '../shared/properties/attribute-pairs';

export const actionResponseProperties: INodeProperties[] = [
	{
		displayName:
			'Answers the call that started this workflow through an OpenDialog Action Trigger (Respond: Using OpenDialog Action Response Node). It answers from the first incoming item and passes all items on.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Respond With',
		name: 'answer',
		type: 'options',
		options: [
			{
				name: 'Failure',
				value: 'failure',
				description:
					'The action failed; OpenDialog logs the message and sets action_success to false',
			},
			{
				name: 'Success',
				value: 'success',
				description: 'The action succeeded; OpenDialog sets the output attributes',
			},
		],
		default: 'success',
	},
	{
		displayName: 'Output Attributes',
		name: 'attributesMode',
		type: 'options',
		options: [
			{
				name: 'All Fields of the Item',
				value: 'allFields',
				description: "The item's top-level fields (except the trigger's rawBody)",
			},
			{
				name: 'Define Below',
				value: 'defineBelow',
				description: 'The name/value pairs set below',
			},
			{ name: 'JSON', value: 'json', description: 'An object built with an expression' },
		],
		default: 'allFields',
		description:
			'Attributes OpenDialog sets in the conversation after the action. A null value unsets the attribute.',
		displayOptions: { show: { answer: ['success'] } },
	},
	attributePairsProperty({
		displayName: 'Attributes to Set',
		displayOptions: { show: { answer: ['success'], attributesMode: ['defineBelow'] } },
		namePlaceholder: 'e.g. full_name',
		valuePlaceholder: 'e.g. {{ $json.name }}',
		valueDescription: 'An expression; {{ null }} unsets the attribute',
	}),
	{
		displayName: 'Attributes (JSON)',
		name: 'attributesJson',
		type: 'json',
		default: '{\n  "full_name": "{{ $json.name }}"\n}',
		description: 'An object of attribute names and values; null unsets an attribute',
		displayOptions: { show: { answer: ['success'], attributesMode: ['json'] } },
	},
	{
		displayName: 'Error Message',
		name: 'errorMessage',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. No contact found for {{ $json.email }}',
		description: "What OpenDialog's logs show for this failure",
		displayOptions: { show: { answer: ['failure'] } },
	},
];
