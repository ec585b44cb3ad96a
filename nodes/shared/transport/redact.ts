/**
 * Scrubs secrets (an API token, an app key) out of anything a server, a proxy or a library echoed back. A token
 * can come back raw, percent-encoded (a Sanctum token's `|` becomes `%7C` or `%7c`, a space
 * `+` or `%20`), JSON-escaped (PHP also escapes `/` as `\/`) or both, so every form is replaced.
 */

const REDACTED = '***';

/** Shorter secrets would scrub ordinary words out of messages. */
const MIN_SECRET_LENGTH = 4;

/** One secret, or several (a token and an app key): every one is scrubbed. */
export type Secrets = string | readonly string[];

/** The secrets worth scrubbing, longest first, so one inside another leaves no part behind. */
function secretList(secrets: Secrets): string[] {
	const list = typeof secrets === 'string' ? [secrets] : [...secrets];
	return list
		.filter((secret) => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH)
		.sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function jsonEscaped(text: string): string {
	return JSON.stringify(text).slice(1, -1);
}

/** The forms a secret takes in URLs, query strings and JSON, without duplicates. */
export function secretForms(secret: string): string[] {
	const encoded = [
		secret,
		encodeURIComponent(secret),
		encodeURI(secret),
		new URLSearchParams({ s: secret }).toString().slice(2),
	];
	const forms = new Set<string>();
	for (const form of encoded) {
		forms.add(form);
		forms.add(jsonEscaped(form));
		forms.add(jsonEscaped(form).replace(/\//g, '\\/'));
		forms.add(jsonEscaped(jsonEscaped(form)));
	}
	return [...forms];
}

const patterns = new Map<string, RegExp>();

/** One pattern per secret, longest form first; percent escapes match in either case. */
function secretPattern(secret: string): RegExp {
	let pattern = patterns.get(secret);
	if (!pattern) {
		const alternatives = secretForms(secret)
			.sort((a, b) => b.length - a.length)
			.map((form) =>
				escapeRegExp(form).replace(
					/%([0-9A-F])([0-9A-F])/g,
					(_match, high: string, low: string) =>
						`%[${high}${high.toLowerCase()}][${low}${low.toLowerCase()}]`,
				),
			);
		pattern = new RegExp(alternatives.join('|'), 'g');
		// A run uses one or two secrets: a small cache, emptied rather than grown.
		if (patterns.size >= 8) patterns.clear();
		patterns.set(secret, pattern);
	}
	return pattern;
}

export function redact(text: string, secrets: Secrets): string {
	if (typeof text !== 'string') return text;
	let redacted = text;
	for (const secret of secretList(secrets)) {
		redacted = redacted.replace(secretPattern(secret), REDACTED);
	}
	return redacted;
}

/**
 * Redacts every string in a JSON-like value (keys included); returns a copy. `copies` maps
 * what was already seen to its copy, so shared and circular references stay safe.
 */
export function redactDeep<T>(value: T, secret: Secrets, copies = new Map<object, unknown>()): T {
	if (typeof value === 'string') return redact(value, secret) as T;
	if (!value || typeof value !== 'object') return value;
	if (copies.has(value)) return copies.get(value) as T;
	if (value instanceof Error) {
		copies.set(value, value);
		return redactError(value, secret, copies);
	}
	// Class instances (sockets, requests) are not data a message is built from: left alone.
	const prototype = Object.getPrototypeOf(value) as unknown;
	if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return value;
	const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
	copies.set(value, copy);
	for (const [key, entry] of Object.entries(value)) {
		(copy as Record<string, unknown>)[Array.isArray(value) ? key : redact(key, secret)] =
			redactDeep(entry, secret, copies);
	}
	return copy as T;
}

/**
 * Redacts an error in place: its message, description, stack and every other own property
 * (n8n keeps `errorResponse`, `context`, `messages`, `cause` on its errors and stores them
 * with the execution).
 */
export function redactError<E>(error: E, secret: Secrets, copies = new Map<object, unknown>()): E {
	if (!error || typeof error !== 'object' || secretList(secret).length === 0) return error;
	copies.set(error, error);
	const target = error as Record<string, unknown>;
	for (const key of new Set(['message', 'stack', ...Object.keys(target)])) {
		const value = target[key];
		if (value === undefined || value === null) continue;
		try {
			target[key] = redactDeep(value, secret, copies);
		} catch {
			// A read-only property cannot carry anything the server sent.
		}
	}
	return error;
}
