import type { INodeProperties } from 'n8n-workflow';

import { filtersProperty } from '../shared/properties/filters';
import { outputModeProperty } from '../shared/properties/output-mode';
import { timeoutOption } from '../shared/properties/timeout-option';
import { toolOutputProperties } from './tool-properties';

export const interactionsProperties: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '={{ $now.minus({ days: 1 }).toISO() }}',
		required: true,
		description:
			"Start of the range, inclusive, e.g. 2024-05-01 09:00:00 or 2024-05-01T09:00:00Z. Dates without an offset are read in the workflow's timezone.",
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '={{ $now.toISO() }}',
		required: true,
		description:
			"End of the range, inclusive, in the same forms as 'From'. Must not be before 'From'.",
	},
	outputModeProperty,
	...toolOutputProperties,
	filtersProperty,
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
			timeoutOption,
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
