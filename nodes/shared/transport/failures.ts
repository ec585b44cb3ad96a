/**
 * Turns OpenDialog's failure answers into messages that say what happened and how to fix
 * it. Pure: the transport wraps the result in a NodeApiError.
 */
import { redact, redactDeep, type Secrets } from './redact';

export { redact } from './redact';

/**
 * Which failures a request may be retried after. `idempotent` (reads): a rate limit and any
 * server error. `refused-only` (a POST that creates something): only answers that say the
 * request was turned away before any work, a rate limit (429) or an unavailable server (503);
 * after a 500, 502 or 504 the work may have been done, and sending it again would repeat it.
 */
export type RetryPolicy = 'idempotent' | 'refused-only';

export interface FailureDescription {
	message: string;
	description: string;
	/** A small, token-free object for the error's details. */
	details: Record<string, unknown>;
	/** Laravel's `errors` of a 422, field → messages (e.g. `dataset.3.attributes`). */
	fieldErrors?: Record<string, string[]>;
}

export interface FailedResponse {
	statusCode: number;
	body: unknown;
	location?: string;
	baseUrl: string;
	path: string;
	/** The API as error messages name it, e.g. `public` in "no public API at this address". */
	apiName: string;
	attempts: number;
	secret: Secrets;
	retry?: RetryPolicy;
	/** Retries stopped because the run's retry time was used up. */
	retryBudgetSpentMs?: number;
}

const RETRY_BASE_DELAY_MS = 1000;
const RETRY_MAX_DELAY_MS = 60_000;
/** A `Retry-After` of 0 or less must not turn into a burst of immediate retries. */
export const RETRY_MIN_DELAY_MS = 500;

export function isRetryable(statusCode: number, policy: RetryPolicy = 'idempotent'): boolean {
	if (policy === 'refused-only') return statusCode === 429 || statusCode === 503;
	return statusCode === 429 || statusCode >= 500;
}

/** Honours `Retry-After` (seconds or an HTTP date); otherwise backs off exponentially. */
export function retryDelayMs(attempt: number, retryAfter: unknown, now = Date.now()): number {
	const header = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
	if (header !== undefined && header !== null && String(header).trim() !== '') {
		const text = String(header).trim();
		const seconds = Number(text);
		const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(text) - now;
		if (Number.isFinite(ms)) return Math.min(Math.max(ms, RETRY_MIN_DELAY_MS), RETRY_MAX_DELAY_MS);
	}
	return Math.min(RETRY_BASE_DELAY_MS * 2 ** attempt, RETRY_MAX_DELAY_MS);
}

function serverMessage(body: unknown): string | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const { message, error } = body as Record<string, unknown>;
		if (typeof message === 'string' && message.trim() !== '') return message.trim();
		if (typeof error === 'string' && error.trim() !== '') return error.trim();
	}
	return undefined;
}

export function parseFieldErrors(body: unknown): Record<string, string[]> {
	const errors = (body as Record<string, unknown> | null)?.errors;
	if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return {};
	const result: Record<string, string[]> = {};
	for (const [field, messages] of Object.entries(errors as Record<string, unknown>)) {
		result[field] = (Array.isArray(messages) ? messages : [messages]).map(String);
	}
	return result;
}

function looksLikeHtml(body: unknown): boolean {
	return typeof body === 'string' && /^\s*</.test(body);
}

export function describeFailure(response: FailedResponse): FailureDescription {
	const { statusCode, body, baseUrl, path, apiName, attempts, secret } = response;
	const said = serverMessage(body);
	const saidSuffix = said ? ` OpenDialog said: "${said}".` : '';
	const url = `${baseUrl}${path}`;
	let message: string;
	let description: string;
	let fieldErrors: Record<string, string[]> | undefined;

	if (statusCode >= 200 && statusCode < 300) {
		message = looksLikeHtml(body)
			? 'OpenDialog answered with an HTML page instead of JSON'
			: 'OpenDialog answered with something that is not JSON';
		description = `${url} did not return API data. Check that the credential's Base URL is your OpenDialog workspace (e.g. https://acme.cloud.opendialog.ai), not a login page, proxy or another site.`;
	} else if (statusCode >= 300 && statusCode < 400) {
		message = `OpenDialog redirected the request (${statusCode}) instead of answering it`;
		description = `${url} redirected to ${response.location ?? 'another page'}. Check the credential's Base URL (use the https address of your workspace) and that nothing between n8n and OpenDialog strips the "Accept: application/json" header.`;
	} else if (statusCode === 401) {
		message = 'OpenDialog rejected the API token (401 Unauthenticated)';
		description =
			'Check the API token in the OpenDialog API credential. Create or copy one on the Identity & Security page of your OpenDialog workspace (click your user name, bottom left); tokens can expire.';
	} else if (statusCode === 403) {
		message = 'The API token is not allowed to do this (403 Forbidden)';
		description = `Use a token of a user who may access this workspace's API.${saidSuffix}`;
	} else if (statusCode === 404 && said && /full\s*-?page webchat/i.test(said)) {
		message = 'Full-page webchat is not enabled in OpenDialog (404)';
		description =
			"Webchat deeplinks open the full-page webchat. Enable full-page webchat for this scenario in OpenDialog (the scenario's interface settings), then run the node again.";
	} else if (statusCode === 404) {
		message = `OpenDialog has no ${apiName} API at this address (404 Not Found)`;
		description = `${url} does not exist. Check the credential's Base URL (e.g. https://acme.cloud.opendialog.ai) and its API Version: workspaces without the legacy API answer 404 on /api/…, older ones without the public API on /public/api/….${saidSuffix}`;
	} else if (statusCode === 405) {
		message = 'OpenDialog does not accept this request method here (405)';
		description = `Check the credential's API Version: this workspace may speak the other API generation.${saidSuffix}`;
	} else if (statusCode === 422) {
		fieldErrors = parseFieldErrors(body);
		const listed = Object.entries(fieldErrors).map(
			([field, msgs]) => `${field}: ${msgs.join(' ')}`,
		);
		message = `OpenDialog rejected the request: ${listed.length > 0 ? listed.join('; ') : (said ?? 'invalid data')}`;
		description = 'Fix the values named above and run the node again.';
	} else if (statusCode === 429) {
		message = `OpenDialog's rate limit was still exceeded after ${attempts} attempts (429 Too Many Attempts)`;
		description =
			'Your workspace limits API requests per minute. Run the node less often, on fewer items, or with larger batches.';
	} else if (statusCode >= 500 && !isRetryable(statusCode, response.retry)) {
		message = `OpenDialog failed with a server error (${statusCode})`;
		description = `This request was not retried: OpenDialog may have done its work before failing, and sending it again could create the same links twice. Check in OpenDialog, then run the node again for the items that failed.${saidSuffix}`;
	} else if (statusCode >= 500) {
		message = `OpenDialog failed with a server error (${statusCode})${attempts === 1 ? '' : ` ${attempts} times in a row`}`;
		description = `The request was retried with backoff. Try again later; if it persists, contact OpenDialog support.${saidSuffix}`;
	} else {
		message = `OpenDialog answered ${statusCode}${said ? `: ${said}` : ''}`;
		description = `Request to ${url} failed.`;
	}

	if (response.retryBudgetSpentMs !== undefined && isRetryable(statusCode, response.retry)) {
		description += ` ${describeRetriesStopped(response.retryBudgetSpentMs)}`;
	}

	return redactDeep(
		{
			message,
			description,
			details: {
				httpCode: String(statusCode),
				url,
				...(said ? { serverMessage: said } : {}),
				...(fieldErrors ? { errors: fieldErrors } : {}),
			},
			fieldErrors,
		},
		secret,
	);
}

/** Added to an error when the run's retry time ran out before the retries did. */
export function describeRetriesStopped(spentMs: number): string {
	return `Retries stopped early: this run had already spent ${formatSeconds(spentMs)} on retries, the most one run may (five times the Timeout option).`;
}

/** Added to a network failure that was retried. */
export function describeAttempts(attempts: number): string {
	return `The request was sent ${attempts} times, with backoff in between.`;
}

function formatSeconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Nothing came back, or the answer stopped halfway, for the whole timeout. `hint` says how to
 * ask the endpoint for less, where it can be asked.
 */
export function describeStalled(url: string, timeoutMs: number, hint?: string): FailureDescription {
	const seconds = formatSeconds(timeoutMs);
	return {
		message: `OpenDialog stopped answering after ${seconds}`,
		description: `Nothing came from ${url} for ${seconds}. OpenDialog may be overloaded: try again later, or raise the node's Timeout (Seconds) option.${hint ? ` ${hint}` : ''}`,
		details: { url, timeoutSeconds: timeoutMs / 1000 },
	};
}

/** What a network error code means, in words that do not guess at the cause. */
const NETWORK_REASONS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host cannot be reached',
	ENETUNREACH: 'the network cannot be reached',
};

/**
 * Network failures after which a read may be sent again: a connection cut or reset, a look-up
 * that failed (DNS hiccups pass), a connect timeout. A refused connection is not among them:
 * nothing listens at that address, usually a wrong port, and waiting does not change that.
 */
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'ENOTFOUND',
]);

export function isTransientNetworkCode(code: string | undefined): boolean {
	return code !== undefined && TRANSIENT_NETWORK_CODES.has(code);
}

/**
 * For errors thrown before any answer came back (DNS, refused or cut connection, TLS). The
 * code goes in the details as `networkCode`: under `code`, n8n would swap in its own message.
 */
export function describeUnreachable(
	error: unknown,
	baseUrl: string,
	secret: Secrets,
	code?: string,
): FailureDescription {
	if (code === 'ECONNRESET' || code === 'EPIPE') {
		return {
			message: redact(
				`The connection to OpenDialog at ${baseUrl} was cut before its answer was complete`,
				secret,
			),
			description:
				'OpenDialog or a proxy on the way closed the connection. Try again; if it keeps happening on long ranges, fetch them in shorter windows.',
			details: { url: baseUrl, networkCode: code },
		};
	}
	const message = (error as { message?: unknown })?.message;
	const reason =
		(code && NETWORK_REASONS[code]) ??
		code ??
		(typeof message === 'string' ? message : 'unknown network error');
	return {
		message: redact(`Could not reach OpenDialog at ${baseUrl} (${reason})`, secret),
		description:
			"Check the credential's Base URL (e.g. https://acme.cloud.opendialog.ai) and that n8n can reach it over the network. If it worked before, try again later.",
		details: { url: baseUrl, ...(code ? { networkCode: code } : {}) },
	};
}
