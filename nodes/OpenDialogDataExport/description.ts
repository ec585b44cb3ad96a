import type { INodeProperties } from 'n8n-workflow';

import { timeoutOption } from '../shared/properties/timeout-option';

export const USER_DATA_MAX_PAGE_SIZE = 500;
export const ANALYTICS_MAX_PAGE_SIZE = 1000;

const forResource = (resource: string) => ({ show: { resource: [resource] } });

function operationProperty(resource: string, action: string, description: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: forResource(resource),
		options: [{ name: 'Get Many', value: 'getAll', action, description }],
		default: 'getAll',
	};
}

function getManyProperties(resource: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: forResource(resource),
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { resource: [resource], returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

function pageSizeOption(max: number, defaultSize: number): INodeProperties {
	return {
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: max },
		default: defaultSize,
		description: `Records per request, 1–${max}. Every page is fetched in turn; larger pages mean fewer requests against the workspace's rate limit.`,
	};
}

const startPageOption: INodeProperties = {
	displayName: 'Start Page',
	name: 'startPage',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1,
	description:
		'Page to start from. To resume an export that failed on a page, set that page and keep the same Page Size; earlier pages are skipped.',
};

const userDataExportProperties: INodeProperties[] = [
	operationProperty(
		'userDataExport',
		'Get many users',
		'Get users with their profile, attributes and whole conversation',
	),
	...getManyProperties('userDataExport'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: forResource('userDataExport'),
		default: {},
		options: [
			{
				displayName: 'From',
				name: 'from',
				type: 'dateTime',
				default: '',
				description:
					"Only users active from this date on. Set together with 'To'. Dates without an offset are read in the workflow's timezone.",
			},
			pageSizeOption(USER_DATA_MAX_PAGE_SIZE, 100),
			startPageOption,
			timeoutOption,
			{
				displayName: 'To',
				name: 'to',
				type: 'dateTime',
				default: '',
				description: "Only users active up to this date. Set together with 'From'.",
			},
		],
	},
];

const analyticsDataExportProperties: INodeProperties[] = [
	operationProperty(
		'analyticsDataExport',
		'Get many analytics records',
		"Get a scenario's clickstream events, page views and identify records",
	),
	{
		displayName: 'Scenario ID',
		name: 'scenarioId',
		type: 'string',
		required: true,
		displayOptions: forResource('analyticsDataExport'),
		default: '',
		placeholder: 'e.g. 0x2e9a',
		description: 'ID of the scenario whose analytics to export',
	},
	...getManyProperties('analyticsDataExport'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: forResource('analyticsDataExport'),
		default: {},
		options: [
			{
				displayName: 'Chatbot User ID',
				name: 'chatbotUserId',
				type: 'string',
				default: '',
				placeholder: 'e.g. abc123',
				description: "Only this user's records",
			},
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description:
					"Last day to include. Only the date counts, as it falls in the workflow's timezone.",
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description:
					"First day to include. Only the date counts, as it falls in the workflow's timezone.",
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: forResource('analyticsDataExport'),
		default: {},
		options: [
			{
				displayName: 'Decode JSON Fields',
				name: 'decodeJsonFields',
				type: 'boolean',
				default: true,
				description:
					'Whether to turn the JSON text OpenDialog sends in properties, traits and context into objects. Text that is not valid JSON is kept as it came.',
			},
			{
				displayName: 'Include Flag Data',
				name: 'includeFlagData',
				type: 'boolean',
				default: false,
				description:
					"Whether to also output the scenario's feature-flag experiments, as items of type 'experiment' after the records",
			},
			pageSizeOption(ANALYTICS_MAX_PAGE_SIZE, 500),
			startPageOption,
			timeoutOption,
		],
	},
];

export const dataExportProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Analytics Data Export', value: 'analyticsDataExport' },
			{ name: 'User Data Export', value: 'userDataExport' },
		],
		default: 'userDataExport',
	},
	...userDataExportProperties,
	...analyticsDataExportProperties,
];
