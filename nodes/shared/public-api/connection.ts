import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { InputError } from '../errors/input-error';
import { readTimeoutMs } from '../properties/timeout-option';
import { requestTimeouts, type ApiConnection, type RequestContext } from '../transport/request';
import { apiTokenOf, normaliseBaseUrl } from './credential-fields';

const CREDENTIAL_NAME = 'openDialogApi';

/** The API generation the credential names: the legacy routes are slated for removal. */
export type ApiVersion = 'public' | 'legacy';

export interface PublicApiConnection extends ApiConnection {
	apiVersion: ApiVersion;
}

/**
 * The credential and the run's request settings. `options` is the node's Options collection
 * (for its Timeout); a bad Base URL or Timeout stops the node before any request.
 */
export async function getConnection(
	context: RequestContext,
	options?: IDataObject,
): Promise<PublicApiConnection> {
	const credentials = await context.getCredentials(CREDENTIAL_NAME);
	try {
		const timeoutMs = readTimeoutMs(options);
		const baseUrl = normaliseBaseUrl(String(credentials.baseUrl ?? ''));
		const token = apiTokenOf(credentials);
		return {
			baseUrl,
			apiVersion: credentials.apiVersion === 'legacy' ? 'legacy' : 'public',
			authorization: `Bearer ${token}`,
			secrets: [token],
			...requestTimeouts(timeoutMs),
		};
	} catch (error) {
		// Only the pure readers above throw here, with an InputError.
		throw new NodeOperationError(context.getNode(), error as Error, {
			description: (error as Partial<InputError>).description,
		});
	}
}
