import type { INodeProperties } from 'n8n-workflow';

import { InputError } from '../errors/input-error';

/** Node filter names → the public API's query parameter names. */
const FILTER_PARAMETERS: Record<string, string> = {
	userId: 'user_id',
	selectedScenario: 'selected_scenario',
	email: 'email',
	country: 'country',
	browser: 'browser',
	browserLanguage: 'browser_language',
	os: 'os',
	ipAddress: 'ip_address',
	timezone: 'timezone',
	platform: 'platform',
};

export const filtersProperty: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description:
		'Only return users matching all of these (case-insensitive, partial match). Needs the public API.',
	options: [
		{
			displayName: 'Browser',
			name: 'browser',
			type: 'string',
			default: '',
			placeholder: 'e.g. Chrome',
		},
		{
			displayName: 'Browser Language',
			name: 'browserLanguage',
			type: 'string',
			default: '',
			placeholder: 'e.g. en-GB',
		},
		{
			displayName: 'Country',
			name: 'country',
			type: 'string',
			default: '',
			placeholder: 'e.g. GB',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. name@email.com',
			default: '',
		},
		{
			displayName: 'IP Address',
			name: 'ipAddress',
			type: 'string',
			default: '',
			placeholder: 'e.g. 203.0.113.7',
		},
		{
			displayName: 'Operating System',
			name: 'os',
			type: 'string',
			default: '',
			placeholder: 'e.g. macOS',
		},
		{
			displayName: 'Platform',
			name: 'platform',
			type: 'string',
			default: '',
			placeholder: 'e.g. webchat',
		},
		{
			displayName: 'Scenario ID',
			name: 'selectedScenario',
			type: 'string',
			default: '',
			placeholder: 'e.g. 0x2e9a',
			description: 'ID of the scenario the users talked to',
		},
		{
			displayName: 'Timezone',
			name: 'timezone',
			type: 'string',
			default: '',
			placeholder: 'e.g. Europe/London',
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			placeholder: 'e.g. abc123',
			description: 'OpenDialog ID of the user, as output in user_id',
		},
	],
};

/**
 * Checks and maps filters to the public API's query parameters; empty ones are skipped. The
 * legacy API has none, so any filter with it is refused.
 */
export function readFilters(
	filters: Record<string, unknown>,
	apiVersion: 'public' | 'legacy',
): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(filters)) {
		if (value === undefined || value === null || String(value).trim() === '') continue;
		const parameter = FILTER_PARAMETERS[name];
		if (!parameter) {
			throw new InputError(
				`Unknown filter '${name}'`,
				`Use one of: ${Object.keys(FILTER_PARAMETERS).join(', ')}.`,
			);
		}
		result[parameter] = String(value).trim();
	}
	if (apiVersion === 'legacy' && Object.keys(result).length > 0) {
		throw new InputError(
			'Filters need the public OpenDialog API',
			"The credential is set to the legacy API, which has no filters. Set the credential's API Version to Public, or remove the filters.",
		);
	}
	return result;
}
