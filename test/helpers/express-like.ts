import type { ServerResponse } from 'node:http';

import type { IWebhookFunctions } from 'n8n-workflow';

export type ResponseObject = ReturnType<IWebhookFunctions['getResponseObject']>;

/**
 * A real HTTP response with the few Express methods n8n calls on it (`status`, `json`,
 * `send`), added the way Express defines them. Express is n8n's, not this package's.
 */
export function expressLike(response: ServerResponse): ResponseObject {
	const res = response as ServerResponse & Record<string, unknown>;
	res.status = (code: number) => ((response.statusCode = code), res);
	res.send = (body: string) => (res.end(body), res);
	res.json = (body: unknown) => {
		if (!response.getHeader('Content-Type')) response.setHeader('Content-Type', 'application/json');
		return (res.send as (body: string) => unknown)(JSON.stringify(body));
	};
	return res as unknown as ResponseObject;
}
