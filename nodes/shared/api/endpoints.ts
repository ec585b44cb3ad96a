import { InputError } from '../items/input-error';
import type { ApiVersion } from './types';

export type Endpoint =
	| 'userInteractions'
	| 'generateWebchatDeeplink'
	| 'userDataExport'
	| 'analyticsDataExport';

/** Paths per API generation: the legacy routes are slated for removal by OpenDialog. */
const PATHS: Record<ApiVersion, Record<Endpoint, string>> = {
	public: {
		userInteractions: '/public/api/user-interactions',
		generateWebchatDeeplink: '/public/api/generate-webchat-deep-link',
		userDataExport: '/public/api/user-data-export',
		analyticsDataExport: '/public/api/analytics-data-export',
	},
	legacy: {
		userInteractions: '/api/user-interactions',
		generateWebchatDeeplink: '/api/generate-webchat-deeplink',
		// The exports exist only in the public API; their callers always ask for it.
		userDataExport: '/public/api/user-data-export',
		analyticsDataExport: '/public/api/analytics-data-export',
	},
};

export function endpointPath(apiVersion: ApiVersion, endpoint: Endpoint): string {
	return PATHS[apiVersion][endpoint];
}

const BASE_URL_EXAMPLE = 'https://acme.cloud.opendialog.ai';

/**
 * Users paste tenant URLs with or without trailing slashes. A user name or password in the
 * URL would be sent as Basic auth in place of the token and shown in error messages; a query
 * or fragment would be glued to every API path. All three are refused, and never echoed.
 */
export function normaliseBaseUrl(baseUrl: string): string {
	const text = baseUrl.trim().replace(/\/+$/, '');
	if (!URL.canParse(text)) {
		throw new InputError(
			"The credential's Base URL is not a web address",
			`Set it to your OpenDialog workspace address, e.g. ${BASE_URL_EXAMPLE}`,
		);
	}
	const url = new URL(text);
	if (url.username !== '' || url.password !== '') {
		throw new InputError(
			"The credential's Base URL must not contain a user name or password",
			`Remove the "user:password@" part, e.g. ${BASE_URL_EXAMPLE}. OpenDialog is reached with the API Token only.`,
		);
	}
	if (text.includes('?') || text.includes('#')) {
		throw new InputError(
			"The credential's Base URL must not contain a query (?…) or fragment (#…)",
			`Use the workspace address alone, e.g. ${BASE_URL_EXAMPLE}`,
		);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new InputError(
			"The credential's Base URL must start with https:// (or http://)",
			`Set it to your OpenDialog workspace address, e.g. ${BASE_URL_EXAMPLE}`,
		);
	}
	return text;
}
