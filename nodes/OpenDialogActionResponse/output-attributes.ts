import type { ActionAttributes } from '../shared/webhook-action/action-call';
import { InputError } from '../shared/errors/input-error';
import type { AttributePair } from '../shared/properties/attribute-pairs';
import { tryParseJson } from '../shared/json/json';

export type AttributesMode = 'allFields' | 'defineBelow' | 'json';

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
	// Text that is not JSON is no object either: the error below says what was expected.
	const value = typeof json === 'string' ? tryParseJson(json)?.value : json;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new InputError(
			'"Attributes (JSON)" must be an object of attribute names and values',
			'e.g. {"full_name": "{{ $json.name }}", "order_status": null}',
		);
	}
	return withoutUndefined(value as Record<string, unknown>);
}

function withoutUndefined(record: Record<string, unknown>): ActionAttributes {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
