import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE } from './parameters';
import { attributePairsProperty } from '../shared/properties/attribute-pairs';
import { timeoutOption } from '../shared/properties/timeout-option';

export const deeplinkProperties: INodeProperties[] = [
	{
		displayName: 'Scenario',
		name: 'scenarioBy',
		type: 'options',
		options: [
			{ name: 'By Alias', value: 'alias', description: 'Name the scenario by its alias' },
			{ name: 'By ID', value: 'id', description: 'Name the scenario by its ID' },
		],
		default: 'id',
		description: 'How to name the scenario the links open',
	},
	{
		displayName: 'Scenario ID',
		name: 'scenarioId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0x2e9a',
		description:
			"ID of the scenario the links open, e.g. 0x2e9a, from the scenario's settings in OpenDialog",
		displayOptions: { show: { scenarioBy: ['id'] } },
	},
	{
		displayName: 'Scenario Alias',
		name: 'scenarioAlias',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. renewals',
		description: 'Alias of the scenario the links open',
		displayOptions: { show: { scenarioBy: ['alias'] } },
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.email }}',
		description:
			'ID OpenDialog should know this contact by, usually an expression: e.g. an email, or the user_id Get Interactions outputs for a user who already chatted. Leave empty to let OpenDialog generate one; it comes back with the link.',
	},
	{
		displayName: 'Attributes',
		name: 'attributesMode',
		type: 'options',
		options: [
			{
				name: 'All Fields of the Item',
				value: 'allFields',
				description: "Send the item's top-level fields as attributes",
			},
			{
				name: 'Define Below',
				value: 'defineBelow',
				description: 'Send the name/value pairs set below',
			},
			{ name: 'JSON', value: 'json', description: 'Send an object built with an expression' },
		],
		default: 'allFields',
		description:
			'User attributes pre-loaded into the conversation. Values must be text, numbers, true/false or lists of those; empty values are left out. As an AI Agent tool, Define Below with one value per attribute says best what the model should fill in.',
	},
	attributePairsProperty({
		displayName: 'Attributes to Send',
		displayOptions: { show: { attributesMode: ['defineBelow'] } },
		namePlaceholder: 'e.g. first_name',
		valuePlaceholder: 'e.g. {{ $json.firstName }}',
	}),
	{
		displayName: 'Attributes (JSON)',
		name: 'attributesJson',
		type: 'json',
		default: '{\n  "first_name": "{{ $json.firstName }}"\n}',
		description: 'An object of attribute names and values',
		displayOptions: { show: { attributesMode: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
				default: DEFAULT_BATCH_SIZE,
				description:
					"How many contacts go into one request. 100 is OpenDialog's documented maximum; raise it only if your workspace allows more.",
			},
			{
				displayName: 'Flatten Nested Fields',
				name: 'flattenNested',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/attributesMode': ['allFields'] } },
				description:
					'Whether to send nested objects as dotted attribute names (e.g. address.city) instead of refusing the item. OpenDialog attributes cannot hold objects.',
			},
			{
				displayName: 'Output Field',
				name: 'outputField',
				type: 'string',
				default: 'deeplink',
				description:
					"Field that receives the link on each item, as an object holding the contact's user ID and the URL",
			},
			{
				displayName: 'Output Only the Link',
				name: 'linkOnly',
				type: 'boolean',
				default: false,
				description:
					"Whether to output only the contact's user ID and link URL instead of the item's fields plus the link",
			},
			timeoutOption,
		],
	},
];
