import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { InputError } from '../errors/input-error';
import { readTimeoutMs } from '../properties/timeout-option';
import { normaliseBaseUrl } from '../public-api/credential-fields';
import { requestTimeouts, type ApiConnection, type RequestContext } from '../transport/request';
import type { CookieJar } from './cookies';
import { readGeneration } from './endpoints';
import type { ChatGeneration } from './types';

export const CHAT_CREDENTIAL_NAME = 'openDialogChatApi';

export interface ChatConnection extends ApiConnection {
	generation: ChatGeneration;
	scenarioId: string;
	/** Anonymous-authentication cookies per conversation; the node keeps it between runs. */
	cookies: CookieJar;
}

/**
 * The OpenDialog Chat API credential and the run's request settings. The app key is the
 * bearer token of the cloud generations; self-hosted 1.x takes none.
 */
export async function getChatConnection(
	context: RequestContext,
	options: IDataObject,
	cookies: CookieJar,
): Promise<ChatConnection> {
	const credentials = await context.getCredentials(CHAT_CREDENTIAL_NAME);
	try {
		const timeoutMs = readTimeoutMs(options);
		const generation = readGeneration(credentials.generation);
		// Pasted keys often carry spaces; the credential's own test trims it too.
		const appKey = String(credentials.appToken ?? '').trim();
		return {
			baseUrl: normaliseBaseUrl(String(credentials.baseUrl ?? '')),
			generation,
			scenarioId: String(credentials.scenarioId ?? '').trim(),
			authorization: generation !== 'v1' && appKey !== '' ? `Bearer ${appKey}` : '',
			secrets: appKey === '' ? [] : [appKey],
			cookies,
			...requestTimeouts(timeoutMs),
		};
	} catch (error) {
		// Only the pure readers above throw here, with an InputError.
		throw new NodeOperationError(context.getNode(), error as Error, {
			description: (error as Partial<InputError>).description,
		});
	}
}
