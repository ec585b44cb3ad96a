import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import type { DateWindow } from '../items/windows';
import { assertInteractionsResponse } from './interactions';
import { parseDataStream } from '../transport/data-stream';
import { toApiDate } from '../items/dates';
import { openDialogApiRequest, type OpenDialogConnection } from '../transport/request';
import type { InteractionsResponse } from './types';

/** Fetches each window in turn (in order, so a tenant's rate limit sees one request at a time). */
export async function fetchInteractionWindows(
	context: IExecuteFunctions | IPollFunctions,
	connection: OpenDialogConnection,
	windows: DateWindow[],
	filters: Record<string, string>,
	itemIndex?: number,
): Promise<InteractionsResponse[]> {
	const responses: InteractionsResponse[] = [];
	for (const window of windows) {
		// Streamed: a busy workspace's answer can be hundreds of megabytes.
		const body = await openDialogApiRequest<unknown>(
			context,
			connection,
			{
				method: 'GET',
				endpoint: 'userInteractions',
				qs: { from: toApiDate(window.from), to: toApiDate(window.to), ...filters },
				itemIndex,
			},
			parseDataStream,
		);
		assertInteractionsResponse(body);
		responses.push(body);
	}
	return responses;
}
