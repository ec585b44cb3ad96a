import type { ActionAttributes } from '../shared/webhook-action/action-call';
import { InputError } from '../shared/errors/input-error';

export type AttributesMode = 'allFields' | 'defineBelow' | 'json';

export interface AttributePair {
	name?: string;
	value?: unknown;
}

export interface AttributeSources {
	fields: Record<string, unknown>;
	pairs: AttributePair[];
	json: unknown;
}

/** The trigger's copy of the request: echoing it back as an attribute would be noise. */
const TRIGGER_RAW_BODY_FIELD = 'rawBody';

/**
 * The attributes OpenDialog sets after the action. A `null` value unsets the attribute, so
 * nulls are kept; `undefined` (a field that does not exist) is left out.
 */
export function buildOutputAttributes(
	mode: AttributesMode,
	sources: AttributeSources,
): ActionAttributes {
	if (mode === 'defineBelow') return fromPairs(sources.pairs);
	if (mode === 'json') return fromJson(sources.json);
	const fields = { ...sources.fields };
	delete fields[TRIGGER_RAW_BODY_FIELD];
	return withoutUndefined(fields);
}

function fromPairs(pairs: AttributePair[]): ActionAttributes {
	const attributes: ActionAttributes = {};
	pairs.forEach(({ name, value }, index) => {
		const trimmed = (name ?? '').trim();
		if (trimmed === '') {
			throw new InputError(
				`Output attribute ${index + 1} has no name`,
				'Give every attribute under "Attributes to Set" the name the scenario knows it by, e.g. full_name',
			);
		}
		attributes[trimmed] = value === undefined ? null : value;
	});
	return attributes;
}

function fromJson(json: unknown): ActionAttributes {
	const value = typeof json === 'string' ? parseJson(json) : json;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new InputError(
			'"Attributes (JSON)" must be an object of attribute names and values',
			'e.g. {"full_name": "{{ $json.name }}", "order_status": null}',
		);
	}
	return withoutUndefined(value as Record<string, unknown>);
}

/** Undefined when the text is not JSON: the caller says what was expected. */
function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function withoutUndefined(record: Record<string, unknown>): ActionAttributes {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
