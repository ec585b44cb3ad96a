import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	itemParameterReader,
	rawParameter,
	type ItemParameterReader,
} from '../shared/parameters/item-parameters';
import { parseFieldRead, readField, type FieldRead } from './field-reads';

type Resolver = (json: unknown) => FieldRead;

function all(parts: Resolver[], json: unknown): unknown[] | undefined {
	const values: unknown[] = [];
	for (const part of parts) {
		const read = part(json);
		if (!read) return undefined;
		values.push(read.value);
	}
	return values;
}

/**
 * A resolver for a raw parameter value whose expressions are all plain `$json` field reads
 * (other values pass as they are, as n8n passes them). Undefined when the value holds no
 * expression or any other expression: those are n8n's to evaluate.
 */
export function compileFieldReads(raw: unknown): Resolver | undefined {
	let reads = 0;
	const compile = (value: unknown): Resolver | undefined => {
		if (typeof value === 'string' && value.startsWith('=')) {
			const path = parseFieldRead(value);
			if (!path) return undefined;
			reads++;
			return (json) => readField(json, path);
		}
		if (Array.isArray(value)) {
			const parts = value.map(compile);
			if (!parts.every(Boolean)) return undefined;
			return (json) => {
				const values = all(parts as Resolver[], json);
				return values && { value: values };
			};
		}
		if (value !== null && typeof value === 'object') {
			const keys = Object.keys(value);
			const parts = keys.map((key) => compile((value as Record<string, unknown>)[key]));
			if (!parts.every(Boolean)) return undefined;
			return (json) => {
				const values = all(parts as Resolver[], json);
				return values && { value: Object.fromEntries(keys.map((key, n) => [key, values[n]])) };
			};
		}
		return () => ({ value });
	};
	const resolver = compile(raw);
	return reads > 0 ? resolver : undefined;
}

/**
 * Like itemParameterReader, but answers parameters made of plain `$json` field reads from the
 * item itself, with the result n8n's evaluation gives; everything else n8n evaluates.
 */
export function fieldReadingParameterReader(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): ItemParameterReader {
	const evaluate = itemParameterReader(context);
	const raw = context.getNode().parameters;
	const resolvers = new Map<string, Resolver | undefined>();
	return <T>(name: string, itemIndex: number, fallback?: T): T => {
		if (!resolvers.has(name)) resolvers.set(name, compileFieldReads(rawParameter(raw, name)));
		const read = resolvers.get(name)?.(items[itemIndex].json);
		return read ? (read.value as T) : evaluate(name, itemIndex, fallback);
	};
}
