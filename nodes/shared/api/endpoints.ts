import type { ApiVersion } from './types';

export type Endpoint = 'userInteractions' | 'generateWebchatDeeplink';

/** Paths per API generation: the legacy routes are slated for removal by OpenDialog. */
const PATHS: Record<ApiVersion, Record<Endpoint, string>> = {
	public: {
		userInteractions: '/public/api/user-interactions',
		generateWebchatDeeplink: '/public/api/generate-webchat-deep-link',
	},
	legacy: {
		userInteractions: '/api/user-interactions',
		generateWebchatDeeplink: '/api/generate-webchat-deeplink',
	},
};

export function endpointPath(apiVersion: ApiVersion, endpoint: Endpoint): string {
	return PATHS[apiVersion][endpoint];
}

/** Users paste tenant URLs with or without trailing slashes. */
export function normaliseBaseUrl(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '');
}
