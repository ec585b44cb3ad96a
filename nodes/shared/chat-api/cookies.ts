/**
 * The per-user anonymous-authentication cookie of the v3 Chat API: OpenDialog issues it on a
 * user's first call, and every later call for that user must send it back. Kept in a plain
 * JSON object (the node's workflow static data) so it outlives one execution. Pure.
 */

export const ANONYMOUS_COOKIE = 'opendialog_anonymous_authentication_token';

/** Enough for a busy channel, small enough to store with the workflow on every run. */
export const MAX_REMEMBERED_USERS = 1000;

/** A cookie without an expiry is kept this long after its last use. */
export const UNDATED_COOKIE_TTL_MS = 30 * 24 * 3600 * 1000;

export interface RememberedCookie {
	/** `name=value`, ready for the Cookie header. */
	cookie: string;
	expiresAt: number;
	usedAt: number;
}

export type CookieJar = Record<string, RememberedCookie>;

export interface IssuedCookie {
	cookie: string;
	/** Absent: keep it for UNDATED_COOKIE_TTL_MS. 0 or past: OpenDialog withdrew it. */
	expiresAt?: number;
}

/** The anonymous cookie among a response's Set-Cookie headers, if OpenDialog sent one. */
export function issuedCookie(setCookie: unknown, now = Date.now()): IssuedCookie | undefined {
	const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
	for (const header of headers) {
		const [pair, ...attributes] = String(header).split(';');
		const separator = pair.indexOf('=');
		if (separator < 0 || pair.slice(0, separator).trim() !== ANONYMOUS_COOKIE) continue;
		const value = pair.slice(separator + 1).trim();
		let expiresAt: number | undefined = value === '' ? 0 : undefined;
		for (const attribute of attributes) {
			const [name, ...rest] = attribute.split('=');
			const key = name.trim().toLowerCase();
			const text = rest.join('=').trim();
			if (key === 'max-age' && Number.isFinite(Number(text))) expiresAt = now + Number(text) * 1000;
			else if (key === 'expires' && expiresAt === undefined && Number.isFinite(Date.parse(text)))
				expiresAt = Date.parse(text);
		}
		return {
			cookie: `${ANONYMOUS_COOKIE}=${value}`,
			...(expiresAt !== undefined ? { expiresAt } : {}),
		};
	}
	return undefined;
}

/** One conversation's key: the same user id may talk to two scenarios. */
export function conversationKey(scenarioId: string, userId: string): string {
	return `${scenarioId}\u0000${userId}`;
}

/** The user's cookie if it is still valid; marks it used. */
export function recallCookie(jar: CookieJar, key: string, now = Date.now()): string | undefined {
	const remembered = jar[key];
	if (!remembered) return undefined;
	if (remembered.expiresAt <= now) {
		delete jar[key];
		return undefined;
	}
	remembered.usedAt = now;
	return remembered.cookie;
}

/** Stores (or, when withdrawn, forgets) a cookie, then keeps only the most recent users. */
export function rememberCookie(
	jar: CookieJar,
	key: string,
	issued: IssuedCookie,
	now = Date.now(),
): void {
	const expiresAt = issued.expiresAt ?? now + UNDATED_COOKIE_TTL_MS;
	if (expiresAt <= now) delete jar[key];
	else jar[key] = { cookie: issued.cookie, expiresAt, usedAt: now };
	pruneJar(jar, now);
}

export function forgetCookie(jar: CookieJar, key: string): void {
	delete jar[key];
}

/** Drops expired cookies, then the least recently used beyond MAX_REMEMBERED_USERS. */
export function pruneJar(jar: CookieJar, now = Date.now(), max = MAX_REMEMBERED_USERS): void {
	for (const [key, remembered] of Object.entries(jar)) {
		if (remembered.expiresAt <= now) delete jar[key];
	}
	const keys = Object.keys(jar);
	if (keys.length <= max) return;
	keys.sort((a, b) => jar[a].usedAt - jar[b].usedAt);
	for (const key of keys.slice(0, keys.length - max)) delete jar[key];
}
