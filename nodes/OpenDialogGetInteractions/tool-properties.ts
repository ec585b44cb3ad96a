import type { INodeProperties } from 'n8n-workflow';

import { SIMPLIFIED_MESSAGES } from './simplify';

const SIMPLIFY_DESCRIPTION = `Whether to return a simplified version of the response instead of the raw data: per user, the user ID, name and email when known, the number of messages, and the newest ${SIMPLIFIED_MESSAGES} messages as text with dates (UTC)`;

/**
 * Return All, Limit and Simplify. Defaults differ between plain use and use as an AI Agent
 * tool (`@tool`): plain workflows keep getting every user in full, as they always did, while
 * a tool hands the model a bounded, readable page of users.
 */
export const toolOutputProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: true,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { '@tool': [false] } },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { '@tool': [true] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		hint: 'Counts users, whatever the output mode',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: SIMPLIFY_DESCRIPTION,
		displayOptions: { show: { '@tool': [false], outputMode: ['perUser'] } },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: SIMPLIFY_DESCRIPTION,
		displayOptions: { show: { '@tool': [true], outputMode: ['perUser'] } },
	},
];
