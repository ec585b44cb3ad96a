/**
 * Plain `$json` field reads (`={{ $json.email }}`, `={{ $json["first name"] }}`,
 * `={{ $json.address.city }}`) read straight from the item: n8n evaluates every expression of
 * every item in its sandbox, which costs far more than the API calls. Only cases whose n8n
 * result is known are answered here; everything else is left to n8n's evaluation.
 */

import { isPlainObject } from '../shared/json/json';
import { N8N_UNSAFE_PROPERTY_NAMES } from './n8n-unsafe-names';

export type FieldPath = string[];

/** A read that n8n's evaluation would give the same result for; undefined: ask n8n. */
export type FieldRead = { value: unknown } | undefined;

/**
 * `.name`, `["key"]`, `['key']` or `[0]`. A quoted key holding a raw line terminator (line
 * feed, carriage return, U+2028, U+2029) is left to n8n: its expression parser calls it a
 * syntax error (1.x and 2.x), and reading the field here would hide that.
 */
const SEGMENT =
	/^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*(?:"([^"\\\n\r\u2028\u2029]*)"|'([^'\\\n\r\u2028\u2029]*)'|(0|[1-9][0-9]*))\s*\])/;

/** The path of a parameter that is exactly one `$json` field read, else undefined. */
export function parseFieldRead(parameter: string): FieldPath | undefined {
	const whole = /^=\{\{\s*\$json((?:\.|\[)[^{}]*?)?\s*\}\}$/.exec(parameter);
	if (!whole) return undefined;
	const path: FieldPath = [];
	let rest = whole[1] ?? '';
	while (rest !== '') {
		const segment = SEGMENT.exec(rest);
		if (!segment) return undefined;
		const name = segment[1] ?? segment[2] ?? segment[3] ?? segment[4];
		// Names n8n refuses or that reach into the prototype chain: n8n's own error or result stands.
		if (N8N_UNSAFE_PROPERTY_NAMES.has(name) || name in Object.prototype) return undefined;
		path.push(name);
		rest = rest.slice(segment[0].length);
	}
	return path;
}

/** JSON data as n8n hands it back unchanged: anything else (dates, NaN, class instances) is n8n's to convert. */
function isPlainData(value: unknown): boolean {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
	if (typeof value === 'number') return Number.isFinite(value);
	if (Array.isArray(value)) {
		return Object.getPrototypeOf(value) === Array.prototype && value.every(isPlainData);
	}
	return isPlainObject(value) && Object.values(value).every(isPlainData);
}

/** The child at `name`: present, absent (undefined value), or not answerable here. */
function child(parent: unknown, name: string): FieldRead {
	if (Array.isArray(parent)) {
		if (!/^(0|[1-9][0-9]*)$/.test(name)) return undefined;
		const index = Number(name);
		return { value: index < parent.length ? parent[index] : undefined };
	}
	if (!isPlainObject(parent)) return undefined;
	return { value: Object.prototype.hasOwnProperty.call(parent, name) ? parent[name] : undefined };
}

/**
 * Reads `path` from an item's JSON as n8n's evaluation does: a missing last field is
 * undefined, as n8n returns it. A missing or non-object parent, or a value that is not plain
 * JSON, is not answered (n8n's result there differs between its versions).
 */
export function readField(json: unknown, path: FieldPath): FieldRead {
	let current: unknown = json;
	for (let depth = 0; depth < path.length; depth++) {
		const next = child(current, path[depth]);
		if (!next) return undefined;
		if (next.value === undefined && depth < path.length - 1) return undefined;
		current = next.value;
	}
	if (current !== undefined && !isPlainData(current)) return undefined;
	return { value: current };
}
