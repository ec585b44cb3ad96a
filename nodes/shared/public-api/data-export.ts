/**
 * What OpenDialog's two data exports share: a page request and the meaning of a 403. Each
 * export's own shapes live in its file.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { OpenDialogApiError, sendRequest } from '../transport/request';
import type { PublicApiConnection } from './connection';
import { endpointRequest } from './endpoints';

export interface ExportRequest {
	/** Query parameters other than the page and page size. */
	qs: IDataObject;
	/** Records wanted; undefined for all. */
	limit?: number;
	pageSize: number;
	itemIndex: number;
}

export type ExportEndpoint = 'userDataExport' | 'analyticsDataExport';

export const SHAPE_HINT = "check the credential's Base URL: it should be your OpenDialog workspace";

/** Both exports exist only in the public API, whatever generation the credential names. */
export async function requestExportPage(
	context: IExecuteFunctions,
	connection: PublicApiConnection,
	endpoint: ExportEndpoint,
	qs: IDataObject,
	itemIndex: number,
): Promise<unknown> {
	const request = endpointRequest<unknown>('public', endpoint, { method: 'GET', qs, itemIndex });
	return await sendRequest(context, connection, request);
}

const EXPORT_NAMES: Record<string, string> = {
	userDataExport: 'User Data Export',
	analyticsDataExport: 'Analytics Data Export',
};

/**
 * A 403 from an export means the workspace does not have that export, not a bad token: the
 * error says so. Other errors are returned as they are.
 */
export function explainDisabledExport(error: unknown, resource: string): unknown {
	const name = EXPORT_NAMES[resource];
	if (name && error instanceof OpenDialogApiError && error.statusCode === 403) {
		error.message = `The ${name} is not enabled for this OpenDialog workspace (403 Forbidden)`;
		error.description = `Ask OpenDialog support or your workspace administrator to enable the ${name} for this workspace, or use a token of a user allowed to export its data.`;
	}
	return error;
}
