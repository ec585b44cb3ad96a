/** Reading parsed JSON safely. Pure, no n8n imports. */

/** Any value a parsed JSON body may hold. */
export type JsonValue = string | number | boolean | object | null | undefined;

/** A JSON object: not null, not a list. */
export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object literal or JSON.parse result, not a class instance (Date, Buffer, DateTime…). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

/** The parsed text, or undefined when it is not JSON (a parsed `null` is `{ value: null }`). */
export function tryParseJson(text: string): { value: unknown } | undefined {
	try {
		return { value: JSON.parse(text) as unknown };
	} catch {
		return undefined;
	}
}
