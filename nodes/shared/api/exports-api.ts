import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	openDialogApiRequest,
	OpenDialogApiError,
	type OpenDialogConnection,
} from '../transport/request';
import type { Endpoint } from './endpoints';
import type { ClickstreamRecord, ExperimentRecord, ExportedUser } from './export-types';
import {
	assertAnalyticsExportResponse,
	assertUserDataExportResponse,
	decodeJsonString,
	readAnalyticsPage,
	readUserDataPage,
} from './exports';
import { collectPages, pageSizeFor } from './pagination';

export interface ExportRequest {
	/** Query parameters other than the page and page size. */
	qs: IDataObject;
	/** Records wanted; undefined for all. */
	limit?: number;
	pageSize: number;
	itemIndex: number;
}

/** Both exports exist only in the public API, whatever generation the credential names. */
async function requestPage(
	context: IExecuteFunctions,
	connection: OpenDialogConnection,
	endpoint: Endpoint,
	qs: IDataObject,
	itemIndex: number,
): Promise<unknown> {
	return await openDialogApiRequest<unknown>(
		context,
		{ ...connection, apiVersion: 'public' },
		{ method: 'GET', endpoint, qs, itemIndex },
	);
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

/** Every user of the User Data Export (or the first `limit`), one record each. */
export async function fetchUserDataExport(
	context: IExecuteFunctions,
	connection: OpenDialogConnection,
	request: ExportRequest,
): Promise<ExportedUser[]> {
	const perPage = pageSizeFor(request.limit, request.pageSize);
	return await collectPages(
		async (page) => {
			const body = await requestPage(
				context,
				connection,
				'userDataExport',
				{ exportType: 'json', ...request.qs, perPage, page },
				request.itemIndex,
			);
			assertUserDataExportResponse(body);
			return readUserDataPage(body);
		},
		{ limit: request.limit, keyOf: (user) => user.user_id },
	);
}

export interface AnalyticsExport {
	records: ClickstreamRecord[];
	experiments: ExperimentRecord[];
}

/** Clickstream records of the Analytics Data Export and, when asked for, its experiments. */
export async function fetchAnalyticsExport(
	context: IExecuteFunctions,
	connection: OpenDialogConnection,
	request: ExportRequest & { decodeJsonFields: boolean },
): Promise<AnalyticsExport> {
	const per_page = pageSizeFor(request.limit, request.pageSize);
	// Experiments may come with every page: each distinct one is kept once.
	const experiments = new Map<string, ExperimentRecord>();
	const records = await collectPages(
		async (page) => {
			const body = await requestPage(
				context,
				connection,
				'analyticsDataExport',
				{ ...request.qs, per_page, page },
				request.itemIndex,
			);
			assertAnalyticsExportResponse(body);
			const answer = readAnalyticsPage(body, request.decodeJsonFields);
			for (const experiment of answer.experiments) {
				experiments.set(JSON.stringify(experiment), experiment);
			}
			return answer;
		},
		{ limit: request.limit, keyOf: (record) => record.message_id || undefined },
	);
	return {
		records,
		experiments: [...experiments.values()].map((experiment) =>
			request.decodeJsonFields
				? {
						...experiment,
						evaluation_context: decodeJsonString(experiment.evaluation_context),
					}
				: experiment,
		),
	};
}
