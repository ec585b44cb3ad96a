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

/** Users paste tenant URLs with or without trailing slashes. */
export function normaliseBaseUrl(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '');
}
