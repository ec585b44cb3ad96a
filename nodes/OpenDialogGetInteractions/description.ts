import type { INodeProperties } from 'n8n-workflow';

export const outputModes = {
	perUser: 'perUser',
	perInteraction: 'perInteraction',
} as const;

export const interactionsProperties: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '={{ $now.minus({ days: 1 }).toISO() }}',
		required: true,
		description:
			"Start of the range, inclusive. Dates without an offset are read in the workflow's timezone.",
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '={{ $now.toISO() }}',
		required: true,
		description: "End of the range, inclusive. Must not be before 'From'.",
	},
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		options: [
			{
				name: 'One Item per User',
				value: outputModes.perUser,
				description: "Each item holds a user's ID, profile and all their interactions",
			},
			{
				name: 'One Item per Interaction',
				value: outputModes.perInteraction,
				description: "Each item holds one thing a user said or clicked, with the user's ID",
			},
		],
		default: 'perUser',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			'Only return users matching all of these (case-insensitive, partial match). Needs the public API.',
		options: [
			{ displayName: 'Browser', name: 'browser', type: 'string', default: '', placeholder: 'e.g. Chrome' },
			{
				displayName: 'Browser Language',
				name: 'browserLanguage',
				type: 'string',
				default: '',
				placeholder: 'e.g. en-GB',
			},
			{ displayName: 'Country', name: 'country', type: 'string', default: '', placeholder: 'e.g. GB' },
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. name@email.com',
				default: '',
			},
			{ displayName: 'IP Address', name: 'ipAddress', type: 'string', default: '', placeholder: 'e.g. 203.0.113.7' },
			{ displayName: 'Operating System', name: 'os', type: 'string', default: '', placeholder: 'e.g. macOS' },
			{ displayName: 'Platform', name: 'platform', type: 'string', default: '', placeholder: 'e.g. webchat' },
			{
				displayName: 'Scenario ID',
				name: 'selectedScenario',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0x2e9a',
				description: 'ID of the scenario the users talked to',
			},
			{ displayName: 'Timezone', name: 'timezone', type: 'string', default: '', placeholder: 'e.g. Europe/London' },
			{ displayName: 'User ID', name: 'userId', type: 'string', default: '', placeholder: 'e.g. abc123' },
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort Interactions by Date',
				name: 'sortByDate',
				type: 'boolean',
				default: true,
				description:
					"Whether to order each user's interactions by date. OpenDialog returns them in storage order.",
			},
			{
				displayName: 'Window Length (Hours)',
				name: 'windowHours',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 24,
				description:
					'Fetch the range in consecutive windows of this many hours, one request each, and merge the users. The API has no pagination, so long ranges on busy workspaces can time out in one request. 0 fetches the whole range at once.',
			},
		],
	},
];
