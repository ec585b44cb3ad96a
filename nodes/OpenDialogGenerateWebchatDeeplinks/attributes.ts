import { DateTime } from 'luxon';

import { InputError } from '../shared/errors/input-error';
import { tryParseJson } from '../shared/json/json';
import type { AttributePair } from '../shared/properties/attribute-pairs';
import type { AttributeValue, DatasetRow } from '../shared/public-api/deeplinks';

type Scalar = string | number | boolean;

const FIX_HINT =
	"OpenDialog attributes must be text, numbers, true/false or lists of those. Map the fields you need to separate attributes with Attributes set to 'Define Below' (e.g. address_city = {{ $json.address.city }}), or drop this one.";

function isBinaryLike(value: object): boolean {
	return Buffer.isBuffer(value) || ('mimeType' in value && 'data' in value);
}

/** Dates become ISO text, the form OpenDialog attributes store them in. Undefined: not a scalar. */
function asScalar(value: unknown): Scalar | undefined {
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	if (DateTime.isDateTime(value)) return value.toISO() ?? undefined;
	return undefined;
}

function toAttributeValue(name: string, value: unknown): AttributeValue | null {
	if (value === null || value === undefined) return null;
	const scalar = asScalar(value);
	if (scalar !== undefined) return scalar;
	if (typeof value === 'number') {
		throw new InputError(`Attribute '${name}' is not a finite number (${value})`, FIX_HINT);
	}
	if (Array.isArray(value)) {
		const list: Scalar[] = [];
		for (const element of value) {
			if (element === null || element === undefined) continue;
			const item = asScalar(element);
			if (item === undefined) {
				throw new InputError(
					`Attribute '${name}' is a list holding ${describe(element)}`,
					FIX_HINT,
				);
			}
			list.push(item);
		}
		return list;
	}
	if (isNestedObject(value)) {
		const fields = Object.keys(flattenNested(value, name));
		const shown = fields.length > 3 ? [...fields.slice(0, 3), '…'] : fields;
		throw new InputError(
			`Attribute '${name}' is an object${fields.length ? ` (nested fields ${shown.join(', ')})` : ''}`,
			`${FIX_HINT} In All Fields mode, turn on Flatten Nested Fields to send them as ${fields[0] ?? `${name}.<field>`} and so on.`,
		);
	}
	throw new InputError(`Attribute '${name}' is ${describe(value)}`, FIX_HINT);
}

function isNestedObject(value: unknown): value is Record<string, unknown> {
	return (
		value !== null &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		asScalar(value) === undefined &&
		!isBinaryLike(value)
	);
}

/** `{ address: { city } }` → `{ "address.city": … }`; lists, scalars and binary stay as they are. */
export function flattenNested(
	raw: Record<string, unknown>,
	prefix = '',
	flat: Record<string, unknown> = {},
): Record<string, unknown> {
	for (const [name, value] of Object.entries(raw)) {
		const key = prefix === '' ? name : `${prefix}.${name}`;
		if (isNestedObject(value)) {
			flattenNested(value, key, flat);
			continue;
		}
		if (Object.prototype.hasOwnProperty.call(flat, key)) {
			throw new InputError(
				`Attribute '${key}' appears twice once nested fields are flattened`,
				`Rename one of the two fields, or map the attributes with Define Below.`,
			);
		}
		flat[key] = value;
	}
	return flat;
}

function describe(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value && typeof value === 'object') return isBinaryLike(value) ? 'binary data' : 'an object';
	return `a ${typeof value}`;
}

/**
 * Checks and converts one item's attributes: scalars pass, lists of scalars go to collection
 * attributes, null/undefined are dropped, binary is refused, and nested objects are refused
 * unless `flatten` turns them into dotted names.
 */
export function toAttributes(
	raw: Record<string, unknown>,
	flatten = false,
): Record<string, AttributeValue> {
	const attributes: Record<string, AttributeValue> = {};
	for (const [name, value] of Object.entries(flatten ? flattenNested(raw) : raw)) {
		if (name.trim() === '') {
			throw new InputError(
				'An attribute has an empty name',
				'Give every attribute a name, e.g. first_name.',
			);
		}
		const converted = toAttributeValue(name, value);
		if (converted !== null) attributes[name] = converted;
	}
	return attributes;
}

const JSON_HINT =
	'Use an object such as { "first_name": "Ann", "plan": "gold" }, or an expression returning one.';

/** Reads the JSON mode's value: an object, or text holding one. */
export function parseAttributesJson(value: unknown): Record<string, unknown> {
	const parsed = typeof value === 'string' ? tryParseJson(value) : { value };
	if (!parsed) throw new InputError("'Attributes (JSON)' is not valid JSON", JSON_HINT);
	const object = parsed.value;
	if (!object || typeof object !== 'object' || Array.isArray(object)) {
		throw new InputError("'Attributes (JSON)' must be an object", JSON_HINT);
	}
	return object as Record<string, unknown>;
}

/** Name/value pairs from 'Define Below'. */
export function pairsToObject(pairs: AttributePair[]): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const pair of pairs) result[String(pair.name ?? '')] = pair.value;
	return result;
}

export function toUserId(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'object') {
		throw new InputError(
			"'User ID' is an object",
			'Use text or a number, e.g. {{ $json.email }}, or leave it empty to let OpenDialog generate one.',
		);
	}
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

/** One dataset row; OpenDialog requires at least one attribute. */
export function buildDatasetRow(
	userId: unknown,
	rawAttributes: Record<string, unknown>,
	flatten = false,
): DatasetRow {
	const attributes = toAttributes(rawAttributes, flatten);
	if (Object.keys(attributes).length === 0) {
		throw new InputError(
			'The item has no attributes to send',
			'OpenDialog needs at least one attribute per user. Check the item has fields, or define attributes below.',
		);
	}
	const id = toUserId(userId);
	return id === undefined ? { attributes } : { user_id: id, attributes };
}
