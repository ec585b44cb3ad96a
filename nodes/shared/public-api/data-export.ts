/**
 * What OpenDialog's two data exports share: a page request, the meaning of a 403, and how a
 * failed page is explained. Each export's own shapes live in its file.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { OpenDialogApiError, sendRequest } from '../transport/request';
import type { PublicApiConnection } from './connection';
import { endpointRequest } from './endpoints';

export interface ExportRequest {
	/** Query parameters other than the page and page size. */
	qs: IDataObject;
	/** Records wanted; undefined for all. */
	limit?: number;
	pageSize: number;
	/** The first page to fetch: 1, or the page an earlier run failed on. */
	startPage?: number;
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

const RECORD_NOUNS: Record<string, [one: string, many: string]> = {
	userDataExport: ['user', 'users'],
	analyticsDataExport: ['record', 'records'],
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

/**
 * A page that failed after others were read: the error says which page, how much was read
 * before it, where those records went, and how to resume from it.
 */
export function explainFailedPage(
	error: NodeApiError | NodeOperationError,
	failed: { page: number; firstPage: number; records: unknown[] },
	resource: string,
	recordsInOutput: boolean,
): void {
	const { page, firstPage, records } = failed;
	const [one, many] = RECORD_NOUNS[resource] ?? ['record', 'records'];
	const pages = page - 1 === firstPage ? `page ${firstPage}` : `pages ${firstPage}–${page - 1}`;
	const kept = recordsInOutput
		? 'They are in the output, before this error.'
		: 'The node stopped, so they are not in its output; with Settings → On Error → Continue they would be.';
	error.message = `Page ${page} of the ${EXPORT_NAMES[resource] ?? 'export'} failed: ${error.message}`;
	error.description = [
		`${records.length} ${records.length === 1 ? one : many} from ${pages} were read before it. ${kept}`,
		`To resume, run the node again with Options → Start Page set to ${page} and the same Page Size.`,
		error.description ?? '',
	]
		.join(' ')
		.trim();
}
