import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { NotAJsonObjectError } from './data-stream';
import { endpointPath, normaliseBaseUrl, type Endpoint } from '../api/endpoints';
import {
	describeFailure,
	describeStalled,
	describeUnreachable,
	isRetryable,
	retryDelayMs,
	type FailureDescription,
	type RetryPolicy,
} from './failures';
import { StalledError, withIdleTimeout } from './idle-timeout';
import { InputError } from '../items/input-error';
import { readTimeoutMs } from '../items/timeout-option';
import { redactError } from './redact';
import { RETRY_BUDGET_TIMEOUTS, RetryBudget } from './retry-budget';
import type { ApiVersion } from '../api/types';

export const CREDENTIAL_NAME = 'openDialogApi';

/** How many times a 429 or 5xx answer is retried before it becomes an error. */
export const MAX_RETRIES = 5;

type OpenDialogContext = IExecuteFunctions | IPollFunctions;

/** A failed API call; keeps the status and a 422's field errors for callers that map them. */
export class OpenDialogApiError extends NodeApiError {
	readonly statusCode: number;

	readonly fieldErrors: Record<string, string[]>;

	constructor(node: INode, failure: FailureDescription, statusCode?: number, itemIndex?: number) {
		super(node, failure.details as JsonObject, {
			message: failure.message,
			description: failure.description,
			...(statusCode !== undefined ? { httpCode: String(statusCode) } : {}),
			itemIndex,
		});
		this.statusCode = statusCode ?? 0;
		this.fieldErrors = failure.fieldErrors ?? {};
	}
}

export interface OpenDialogConnection {
	baseUrl: string;
	apiVersion: ApiVersion;
	/** Kept only to scrub it out of anything the server echoes back into an error. */
	secret: string;
	/** Longest silence allowed: before the answer starts, and between two parts of it. */
	timeoutMs: number;
	/** Shared by every request of one node run. */
	retryBudget: RetryBudget;
}

export interface OpenDialogRequest {
	method: IHttpRequestMethods;
	endpoint: Endpoint;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** Default `idempotent`; a request that creates something uses `refused-only`. */
	retry?: RetryPolicy;
}

/**
 * The credential and the run's request settings. `options` is the node's Options collection
 * (for its Timeout); a bad Base URL or Timeout stops the node before any request.
 */
export async function getConnection(
	context: OpenDialogContext,
	options?: IDataObject,
): Promise<OpenDialogConnection> {
	const credentials = await context.getCredentials(CREDENTIAL_NAME);
	try {
		const timeoutMs = readTimeoutMs(options);
		return {
			baseUrl: normaliseBaseUrl(String(credentials.baseUrl ?? '')),
			apiVersion: credentials.apiVersion === 'legacy' ? 'legacy' : 'public',
			// Pasted tokens often carry spaces; the credential sends it trimmed too.
			secret: String(credentials.apiToken ?? '').trim(),
			timeoutMs,
			retryBudget: new RetryBudget(timeoutMs * RETRY_BUDGET_TIMEOUTS),
		};
	} catch (error) {
		// Only the pure readers above throw here, with an InputError.
		throw new NodeOperationError(context.getNode(), error as Error, {
			description: (error as Partial<InputError>).description,
		});
	}
}

/**
 * Reads a streamed 2xx body; throws NotAJsonObjectError when it is not the JSON expected.
 * Gets the announced Content-Length, when there is one, to choose how to read.
 */
export type BodyStreamParser<T> = (
	body: AsyncIterable<Buffer>,
	contentLength?: number,
) => Promise<T>;

/**
 * The one door to the OpenDialog API: every request goes through here, so auth, the JSON
 * Accept header, retries and error wording are the same for every node. With `parseStream`,
 * a successful body is handed over as a stream instead of being buffered and parsed whole.
 */
export async function openDialogApiRequest<T>(
	context: OpenDialogContext,
	connection: OpenDialogConnection,
	request: OpenDialogRequest,
	parseStream?: BodyStreamParser<T>,
): Promise<T> {
	try {
		return await sendWithRetries(context, connection, request, parseStream);
	} catch (error) {
		// Whatever went wrong, the token leaves in no form: message, stack, details, causes.
		throw redactError(error, connection.secret);
	}
}

async function sendWithRetries<T>(
	context: OpenDialogContext,
	connection: OpenDialogConnection,
	request: OpenDialogRequest,
	parseStream?: BodyStreamParser<T>,
): Promise<T> {
	const path = endpointPath(connection.apiVersion, request.endpoint);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.baseUrl}${path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		// Without it Laravel answers auth and validation failures with a 302 to an HTML page.
		headers: { Accept: 'application/json' },
		// A redirect means a wrong URL or a stripped header; following it only hides that.
		disableFollowRedirect: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		// Until the headers and, for answers read whole, between any two parts of the body.
		timeout: connection.timeoutMs,
		...(parseStream ? { encoding: 'stream' as const } : {}),
	};
	const stalled = () =>
		new OpenDialogApiError(
			context.getNode(),
			describeStalled(
				`${connection.baseUrl}${path}`,
				connection.timeoutMs,
				request.endpoint === 'userInteractions',
			),
			undefined,
			request.itemIndex,
		);

	for (let attempt = 0; ; attempt++) {
		const response = await send(context, connection, options, request.itemIndex, stalled);
		const { statusCode } = response;
		const succeeded = statusCode >= 200 && statusCode < 300;
		let body: unknown = response.body;
		if (parseStream) {
			// A streamed answer has no request timeout once its headers are in.
			const stream = withIdleTimeout(body as AsyncIterable<Buffer>, connection.timeoutMs);
			try {
				if (succeeded) {
					const parsed = await readStreamedBody(
						context,
						parseStream,
						stream,
						contentLengthOf(response.headers),
						request.itemIndex,
					);
					if ('value' in parsed) return parsed.value;
					body = parsed.text;
				} else {
					body = await readErrorBody(stream);
				}
			} catch (error) {
				throw error instanceof StalledError ? stalled() : error;
			}
		}
		if (succeeded && typeof body !== 'string') return body as T;
		let retryBudgetSpentMs: number | undefined;
		if (isRetryable(statusCode, request.retry) && attempt < MAX_RETRIES) {
			const delayMs = retryDelayMs(attempt, response.headers['retry-after']);
			if (connection.retryBudget.take(delayMs)) {
				await sleep(delayMs);
				continue;
			}
			retryBudgetSpentMs = connection.retryBudget.spentMs;
		}
		const failure = describeFailure({
			statusCode,
			body,
			location: response.headers.location as string | undefined,
			baseUrl: connection.baseUrl,
			path,
			apiVersion: connection.apiVersion,
			attempts: attempt + 1,
			secret: connection.secret,
			retry: request.retry,
			retryBudgetSpentMs,
		});
		throw new OpenDialogApiError(context.getNode(), failure, statusCode, request.itemIndex);
	}
}

async function readStreamedBody<T>(
	context: OpenDialogContext,
	parseStream: BodyStreamParser<T>,
	body: AsyncIterable<Buffer>,
	contentLength: number | undefined,
	itemIndex: number | undefined,
): Promise<{ value: T } | { text: string }> {
	const parsed = await parseStream(body, contentLength).then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
	if ('value' in parsed) return parsed;
	if (parsed.error instanceof NotAJsonObjectError) return { text: parsed.error.text };
	if (parsed.error instanceof StalledError) throw parsed.error;
	throw new NodeApiError(
		context.getNode(),
		{ message: String((parsed.error as Error)?.message) },
		{
			message: `OpenDialog's answer could not be read: ${(parsed.error as Error)?.message}`,
			description:
				'The connection may have been cut, or a proxy changed the answer. Try again; if it persists, fetch shorter ranges.',
			itemIndex,
		},
	);
}

function contentLengthOf(headers: IN8nHttpFullResponse['headers']): number | undefined {
	const length = Number(headers['content-length']);
	return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/** Error bodies are small: read them whole, as JSON when they are JSON. */
async function readErrorBody(body: AsyncIterable<Buffer>): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
	const text = Buffer.concat(chunks).toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

async function send(
	context: OpenDialogContext,
	connection: OpenDialogConnection,
	options: IHttpRequestOptions,
	itemIndex: number | undefined,
	stalled: () => OpenDialogApiError,
): Promise<IN8nHttpFullResponse> {
	try {
		// The run already holds the credential: adding its header here spares n8n reading and
		// decrypting it again for every request (about 10 ms a run in real n8n).
		return (await context.helpers.httpRequest({
			...options,
			headers: { ...options.headers, Authorization: `Bearer ${connection.secret}` },
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const code = errorCode(error);
		if (code === 'ECONNABORTED' && !wasCancelled(context)) throw stalled();
		// The helper's error carries the request config, token included: rebuild it bare.
		const failure = describeUnreachable(error, connection.baseUrl, connection.secret, code);
		throw new NodeApiError(context.getNode(), failure.details as JsonObject, {
			message: failure.message,
			description: failure.description,
			itemIndex,
		});
	}
}

/**
 * The network error's code (ECONNABORTED, ECONNRESET, ENOTFOUND…), wherever n8n's helper put
 * it: on the error, as its httpCode, or on its cause.
 */
export function errorCode(error: unknown): string | undefined {
	const { code, httpCode, cause } = (error ?? {}) as {
		code?: unknown;
		httpCode?: unknown;
		cause?: { code?: unknown };
	};
	for (const candidate of [code, httpCode, cause?.code]) {
		if (typeof candidate === 'string' && /^E[A-Z_]+$/.test(candidate)) return candidate;
	}
	return undefined;
}

/** Axios reports a timeout and a cancelled run with the same code; only the run knows which. */
function wasCancelled(context: OpenDialogContext): boolean {
	return 'getExecutionCancelSignal' in context && !!context.getExecutionCancelSignal()?.aborted;
}
