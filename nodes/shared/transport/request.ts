/**
 * How a request is sent: the one door to HTTP for every node. It takes a request description
 * from an API layer (method, path, query, body, how to read the answer) and a connection (base
 * URL, Authorization header, secrets to scrub), and knows no endpoint and no credential.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { tryParseJson } from '../json/json';
import { NotAJsonObjectError, readTextStart, TruncatedBodyError } from './data-stream';
import {
	describeAttempts,
	describeFailure,
	describeRetriesStopped,
	describeStalled,
	describeUnreachable,
	isRetryable,
	isTransientNetworkCode,
	type FailedResponse,
	retryDelayMs,
	type FailureDescription,
	type RetryPolicy,
} from './failures';
import { StalledError, withIdleTimeout } from './idle-timeout';
import { redactError } from './redact';
import { RETRY_BUDGET_TIMEOUTS, RetryBudget } from './retry-budget';

/** How many times a 429 or 5xx answer is retried before it becomes an error. */
export const MAX_RETRIES = 5;

export type RequestContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

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

/** Where one node run's requests go and how they authenticate; an API layer builds it. */
export interface ApiConnection {
	/** No trailing slash: each request's path is appended. */
	baseUrl: string;
	/** The Authorization header's value, e.g. `Bearer <token>`. */
	authorization: string;
	/** Further headers every request carries. */
	headers?: Record<string, string>;
	/** Scrubbed out of anything the server echoes back into an error: tokens, keys. */
	secrets: string[];
	/** Longest silence allowed: before the answer starts, and between two parts of it. */
	timeoutMs: number;
	/** Shared by every request of one node run. */
	retryBudget: RetryBudget;
}

/** A connection's timeout and the run's retry budget that goes with it. */
export function requestTimeouts(
	timeoutMs: number,
): Pick<ApiConnection, 'timeoutMs' | 'retryBudget'> {
	return { timeoutMs, retryBudget: new RetryBudget(timeoutMs * RETRY_BUDGET_TIMEOUTS) };
}

export interface ApiRequest<T = unknown> {
	method: IHttpRequestMethods;
	/** Appended to the connection's base URL, e.g. `/public/api/user-interactions`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** The API as error messages name it, e.g. `public` in "no public API at this address". */
	apiName: string;
	/**
	 * Reads (GET, HEAD) default to `idempotent`; writes (POST, PUT, PATCH, DELETE) to
	 * `refused-only`, so work the server may have done is never repeated by a retry.
	 */
	retry?: RetryPolicy;
	/** With it, a 2xx body is handed over as a stream instead of being buffered and parsed whole. */
	parseStream?: BodyStreamParser<T>;
	/** Added to the "stopped answering" error: how to ask this endpoint for less. */
	stalledHint?: string;
	/** Headers of this request only, e.g. who it speaks for. */
	headers?: Record<string, string>;
	/** Sees every answer's headers, e.g. to keep a cookie the server issues. */
	onResponseHeaders?: (headers: IN8nHttpFullResponse['headers']) => void;
	/** An API's own wording for its failures; the transport's otherwise. */
	describeFailure?: (failed: FailedResponse) => FailureDescription;
	/** A 2xx with an empty body is an answer (`undefined`), not a body that is not JSON. */
	emptyBodyAllowed?: boolean;
}

/** A read may be sent again after any 429 or 5xx; a write only after a refusal. */
function retryPolicyOf(request: Pick<ApiRequest, 'method' | 'retry'>): RetryPolicy {
	if (request.retry) return request.retry;
	return request.method === 'GET' || request.method === 'HEAD' ? 'idempotent' : 'refused-only';
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
 * Sends one request with retries, Retry-After and error wording shared by every node; whatever
 * goes wrong, no secret leaves in the error.
 */
export async function sendRequest<T>(
	context: RequestContext,
	connection: ApiConnection,
	request: ApiRequest<T>,
): Promise<T> {
	try {
		return await sendWithRetries(context, connection, request);
	} catch (error) {
		// Whatever went wrong, the secrets leave in no form: message, stack, details, causes.
		throw redactError(error, connection.secrets);
	}
}

async function sendWithRetries<T>(
	context: RequestContext,
	connection: ApiConnection,
	request: ApiRequest<T>,
): Promise<T> {
	const { path } = request;
	const retry = retryPolicyOf(request);
	const cancelSignal = cancelSignalOf(context);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.baseUrl}${path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		// Without it Laravel answers auth and validation failures with a 302 to an HTML page.
		// The run already holds the credential: adding its header here spares n8n reading and
		// decrypting it again for every request (about 10 ms a run in real n8n).
		headers: {
			Accept: 'application/json',
			...connection.headers,
			...request.headers,
			// An API without a key (self-hosted chat) sends no Authorization header at all.
			...(connection.authorization ? { Authorization: connection.authorization } : {}),
		},
		// A redirect means a wrong URL or a stripped header; following it only hides that.
		disableFollowRedirect: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		// Until the headers and, for answers read whole, between any two parts of the body.
		timeout: connection.timeoutMs,
		// A cancelled run stops its request at once instead of after the timeout.
		...(cancelSignal ? { abortSignal: cancelSignal } : {}),
		...(request.parseStream ? { encoding: 'stream' as const } : {}),
	};

	for (let attempt = 0; ; attempt++) {
		const startedAt = Date.now();
		const outcome = await attemptOnce(context, connection, request, options);
		if ('value' in outcome) return outcome.value;
		if ('failure' in outcome) {
			const { failure } = outcome;
			if (outcome.transient && retry === 'idempotent' && attempt < MAX_RETRIES) {
				const delayMs = retryDelayMs(attempt, undefined);
				// The failed attempt counts too: a stall has already cost a whole timeout.
				if (connection.retryBudget.take(delayMs + (Date.now() - startedAt))) {
					await waitToRetry(context, delayMs, cancelSignal);
					continue;
				}
				addToDescription(failure, describeRetriesStopped(connection.retryBudget.spentMs));
			}
			if (attempt > 0 && !wasCancelled(context))
				addToDescription(failure, describeAttempts(attempt + 1));
			throw failure;
		}
		const { response, body } = outcome;
		const { statusCode } = response;
		let retryBudgetSpentMs: number | undefined;
		if (isRetryable(statusCode, retry) && attempt < MAX_RETRIES) {
			const delayMs = retryDelayMs(attempt, response.headers['retry-after']);
			if (connection.retryBudget.take(delayMs)) {
				await waitToRetry(context, delayMs, cancelSignal);
				continue;
			}
			retryBudgetSpentMs = connection.retryBudget.spentMs;
		}
		const failure = (request.describeFailure ?? describeFailure)({
			statusCode,
			body,
			location: response.headers.location as string | undefined,
			baseUrl: connection.baseUrl,
			path,
			apiName: request.apiName,
			attempts: attempt + 1,
			secret: connection.secrets,
			retry,
			retryBudgetSpentMs,
		});
		throw new OpenDialogApiError(context.getNode(), failure, statusCode, request.itemIndex);
	}
}

function addToDescription(error: NodeApiError, text: string): void {
	error.description = error.description ? `${error.description} ${text}` : text;
}

/**
 * What one attempt came to: the answer's value; an answer that is a failure (or not JSON); or
 * no answer at all, `transient` when the same read may well succeed if sent again.
 */
type Attempt<T> =
	| { value: T }
	| { response: IN8nHttpFullResponse; body: unknown }
	| { failure: NodeApiError; transient: boolean };

async function attemptOnce<T>(
	context: RequestContext,
	connection: ApiConnection,
	request: ApiRequest<T>,
	options: IHttpRequestOptions,
): Promise<Attempt<T>> {
	let response: IN8nHttpFullResponse;
	try {
		response = (await context.helpers.httpRequest(options)) as IN8nHttpFullResponse;
	} catch (error) {
		return failedAttempt(context, connection, request, error, 'request');
	}
	const { statusCode } = response;
	request.onResponseHeaders?.(response.headers);
	const succeeded = statusCode >= 200 && statusCode < 300;
	// 204 No Content: the work is done and there is no body to read (deletes, updates).
	if (statusCode === 204) return { value: undefined as T };
	let body: unknown = response.body;
	if (request.parseStream) {
		// A streamed answer has no request timeout once its headers are in.
		const stream = withIdleTimeout(body as AsyncIterable<Buffer>, connection.timeoutMs);
		try {
			if (succeeded) {
				const parsed = await readStreamedBody(
					request.parseStream,
					stream,
					contentLengthOf(response.headers),
				);
				if ('value' in parsed) return parsed;
				body = parsed.text;
			} else {
				body = await readErrorBody(stream);
			}
		} catch (error) {
			return failedAttempt(context, connection, request, error, 'body');
		}
	}
	if (succeeded && typeof body !== 'string') return { value: body as T };
	if (succeeded && request.emptyBodyAllowed && String(body).trim() === '')
		return { value: undefined as T };
	return { response, body };
}

/**
 * No answer came back (`request`: refused, reset, looked up in vain, silent for the whole
 * timeout), or it could not be read to its end (`body`).
 */
function failedAttempt(
	context: RequestContext,
	connection: ApiConnection,
	request: ApiRequest,
	error: unknown,
	stage: 'request' | 'body',
): Attempt<never> {
	if (wasCancelled(context)) return { failure: cancelledFailure(context), transient: false };
	const code = errorCode(error);
	if (error instanceof StalledError || (stage === 'request' && code === 'ECONNABORTED'))
		return { failure: stalledFailure(context, connection, request), transient: true };
	const transient =
		isTransientNetworkCode(code) || (stage === 'body' && error instanceof TruncatedBodyError);
	if (stage === 'body') {
		const message = String((error as Error)?.message);
		const failure = new NodeApiError(
			context.getNode(),
			{ message },
			{
				message: `OpenDialog's answer could not be read: ${message}`,
				description:
					'The connection may have been cut, or a proxy changed the answer. Try again; if it persists, fetch shorter ranges.',
				itemIndex: request.itemIndex,
			},
		);
		return { failure, transient };
	}
	// The helper's error carries the request config, token included: rebuild it bare.
	const unreachable = describeUnreachable(error, connection.baseUrl, connection.secrets, code);
	const failure = new NodeApiError(context.getNode(), unreachable.details as JsonObject, {
		message: unreachable.message,
		description: unreachable.description,
		itemIndex: request.itemIndex,
	});
	return { failure, transient };
}

function stalledFailure(
	context: RequestContext,
	connection: ApiConnection,
	request: ApiRequest,
): OpenDialogApiError {
	return new OpenDialogApiError(
		context.getNode(),
		describeStalled(
			`${connection.baseUrl}${request.path}`,
			connection.timeoutMs,
			request.stalledHint,
		),
		undefined,
		request.itemIndex,
	);
}

function cancelledFailure(context: RequestContext): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ message: 'cancelled' },
		{ message: 'The execution was cancelled before OpenDialog answered' },
	);
}

/** Parses a streamed 2xx body; a body that is not JSON comes back as its (capped) text. */
async function readStreamedBody<T>(
	parseStream: BodyStreamParser<T>,
	body: AsyncIterable<Buffer>,
	contentLength: number | undefined,
): Promise<{ value: T } | { text: string }> {
	const parsed = await parseStream(body, contentLength).then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
	if ('value' in parsed) return parsed;
	if (parsed.error instanceof NotAJsonObjectError) return { text: parsed.error.text };
	throw parsed.error;
}

function contentLengthOf(headers: IN8nHttpFullResponse['headers']): number | undefined {
	const length = Number(headers['content-length']);
	return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/** An error body, as JSON when it is JSON; only its start is read, for the message. */
async function readErrorBody(body: AsyncIterable<Buffer>): Promise<unknown> {
	const text = await readTextStart(body, ERROR_BODY_LIMIT_BYTES);
	const parsed = tryParseJson(text);
	return parsed ? parsed.value : text;
}

/** Enough for any error OpenDialog words; a proxy's page of megabytes is not read to its end. */
const ERROR_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The network error's code (ECONNABORTED, ECONNRESET, ENOTFOUND…), wherever n8n's helper put
 * it: on the error, as its httpCode, or on its cause.
 */
function errorCode(error: unknown): string | undefined {
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

/** The run's cancel signal, where n8n gives one (executions, not polls or list searches). */
function cancelSignalOf(context: RequestContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal?.() : undefined;
}

/** Axios reports a timeout and a cancelled run alike; only the run knows which. */
function wasCancelled(context: RequestContext): boolean {
	return !!cancelSignalOf(context)?.aborted;
}

/** Waits before a retry; stops at once, with an error, when the run is cancelled. */
async function waitToRetry(
	context: RequestContext,
	delayMs: number,
	cancelSignal: AbortSignal | undefined,
): Promise<void> {
	if (!cancelSignal) return await sleep(delayMs);
	if (cancelSignal.aborted) throw cancelledFailure(context);
	await new Promise<void>((resolve, reject) => {
		const cancelled = () => reject(cancelledFailure(context));
		cancelSignal.addEventListener('abort', cancelled, { once: true });
		void sleep(delayMs).then(() => {
			cancelSignal.removeEventListener('abort', cancelled);
			resolve();
		});
	});
}
