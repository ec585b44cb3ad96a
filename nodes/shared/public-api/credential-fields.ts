/**
 * How the OpenDialog API credential's Base URL and API Token are read: one rule, used by the
 * credential (its test and its auth header) and by every request. Pure, no n8n imports.
 */
import { InputError } from '../errors/input-error';

const BASE_URL_EXAMPLE = 'https://acme.cloud.opendialog.ai';

/** A user name or password before the host: it would be sent as Basic auth in place of the token. */
const USER_INFO = /^[^:/?#]+:\/\/[^/?#]*@/;

/** A query or fragment would be glued to every API path. */
const QUERY_OR_FRAGMENT = /[?#]/;

/** Either of the two; the credential's test refuses such a Base URL before sending anything. */
export const REFUSED_BASE_URL = new RegExp(`${USER_INFO.source}|${QUERY_OR_FRAGMENT.source}`);

/**
 * Users paste tenant URLs with or without trailing slashes. A user name or password, a query
 * or a fragment is refused (see above), and never echoed.
 */
export function normaliseBaseUrl(baseUrl: string): string {
	const text = baseUrl.trim().replace(/\/+$/, '');
	if (!URL.canParse(text)) {
		throw new InputError(
			"The credential's Base URL is not a web address",
			`Set it to your OpenDialog workspace address, e.g. ${BASE_URL_EXAMPLE}`,
		);
	}
	if (USER_INFO.test(text)) {
		throw new InputError(
			"The credential's Base URL must not contain a user name or password",
			`Remove the "user:password@" part, e.g. ${BASE_URL_EXAMPLE}. OpenDialog is reached with the API Token only.`,
		);
	}
	if (QUERY_OR_FRAGMENT.test(text)) {
		throw new InputError(
			"The credential's Base URL must not contain a query (?…) or fragment (#…)",
			`Use the workspace address alone, e.g. ${BASE_URL_EXAMPLE}`,
		);
	}
	const { protocol } = new URL(text);
	if (protocol !== 'http:' && protocol !== 'https:') {
		throw new InputError(
			"The credential's Base URL must start with https:// (or http://)",
			`Set it to your OpenDialog workspace address, e.g. ${BASE_URL_EXAMPLE}`,
		);
	}
	return text;
}

/** Trimmed: pasted tokens often carry spaces, which OpenDialog would answer with a 401. */
export function apiTokenOf(credentials: { apiToken?: unknown }): string {
	return String(credentials.apiToken ?? '').trim();
}
