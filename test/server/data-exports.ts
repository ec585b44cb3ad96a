/**
 * The data export routes: which exports the workspace has (a disabled one
 * answers 403), auth and method checks, and the route table the server consults.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { handleAnalyticsExport, type ClickstreamRecord } from './analytics-export-route';
import { notFound, sendJson, unauthenticated } from './laravel';
import type { TenantStore } from './tenant';
import { handleUserDataExport } from './user-data-export-route';

export interface DataExportsConfig {
	userDataEnabled: boolean;
	analyticsEnabled: boolean;
	/** Analytics records to serve instead of those generated from the tenant's messages. */
	clickstream?: ClickstreamRecord[];
	/** Served with `include_flag_data`. */
	experiments?: Array<Record<string, unknown>>;
}

export function defaultDataExports(): DataExportsConfig {
	return { userDataEnabled: true, analyticsEnabled: true };
}

export interface DataExportContext {
	store: TenantStore;
	config: DataExportsConfig;
	publicApi: boolean;
	authorized: boolean;
	baseUrl: string;
}

const ROUTES: Record<string, 'userData' | 'analytics'> = {
	'/public/api/user-data-export': 'userData',
	'/public/api/analytics-data-export': 'analytics',
};

export function isDataExportPath(path: string): boolean {
	return path in ROUTES;
}

export function handleDataExport(
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	context: DataExportContext,
): void {
	const route = ROUTES[url.pathname];
	if (!context.publicApi) {
		notFound(req, res);
		return;
	}
	if (req.method !== 'GET') {
		sendJson(res, 405, {
			message: `The ${req.method} method is not supported for this route. Supported methods: GET, HEAD.`,
		});
		return;
	}
	if (!context.authorized) {
		unauthenticated(req, res, context.baseUrl);
		return;
	}
	const enabled =
		route === 'userData' ? context.config.userDataEnabled : context.config.analyticsEnabled;
	if (!enabled) {
		sendJson(res, 403, { message: 'This feature is not enabled for this workspace.' });
		return;
	}
	if (route === 'userData') handleUserDataExport(req, res, url.searchParams, context);
	else handleAnalyticsExport(req, res, url.searchParams, context);
}
