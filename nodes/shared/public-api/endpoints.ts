/** The OpenDialog API's endpoints, each described once: where it lives per API generation. */
import type { ApiRequest } from '../transport/request';
import type { ApiVersion } from './connection';

export type Endpoint =
	| 'userInteractions'
	| 'generateWebchatDeeplink'
	| 'userDataExport'
	| 'analyticsDataExport';

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

function endpointPath(apiVersion: ApiVersion, endpoint: Endpoint): string {
	return PATHS[apiVersion][endpoint];
}

/** The transport's request for `endpoint` in the given API generation. */
export function endpointRequest<T>(
	apiVersion: ApiVersion,
	endpoint: Endpoint,
	request: Omit<ApiRequest<T>, 'path' | 'apiName'>,
): ApiRequest<T> {
	return { ...request, path: endpointPath(apiVersion, endpoint), apiName: apiVersion };
}
