/** OpenDialog's webchat deeplink API: one POST turns a dataset of users into short links. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendRequest } from '../transport/request';
import type { PublicApiConnection } from './connection';
import { endpointRequest } from './endpoints';

export type AttributeValue = string | number | boolean | Array<string | number | boolean>;

export interface DatasetRow {
	user_id?: string;
	attributes: Record<string, AttributeValue>;
}

export interface DeeplinkRequestBody {
	scenario_id?: string;
	scenario_alias?: string;
	dataset: DatasetRow[];
}

export interface Deeplink {
	user_id: string;
	url: string;
}

/**
 * Sends one dataset; the answer is checked by the caller, which knows the rows. A POST: a 500
 * may come after the links were made, so only a refused request is sent again.
 */
export async function requestDeeplinks(
	context: IExecuteFunctions,
	connection: PublicApiConnection,
	body: DeeplinkRequestBody,
	itemIndex: number,
): Promise<unknown> {
	const request = endpointRequest<unknown>(connection.apiVersion, 'generateWebchatDeeplink', {
		method: 'POST',
		body: body as unknown as IDataObject,
		itemIndex,
	});
	return await sendRequest(context, connection, request);
}
