import type { IExecuteFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(containsExpression);
	return false;
}

/** A parameter's value as the workflow stores it, expressions unevaluated; `a.b` reads nested. */
export function rawParameter(parameters: INodeParameters, name: string): unknown {
	return name
		.split('.')
		.reduce<unknown>((object, key) => (object as Record<string, unknown>)?.[key], parameters);
}

/**
 * Reads node parameters per item, but evaluates a parameter only once when it holds no
 * expression: with thousands of items, re-reading constant settings for every item costs
 * more than the API calls. Values are shared between items, so callers must not mutate them.
 */
export function itemParameterReader(context: IExecuteFunctions) {
	const raw = context.getNode().parameters;
	const constants = new Map<string, unknown>();
	return <T>(name: string, itemIndex: number, fallback?: T): T => {
		if (constants.has(name)) return constants.get(name) as T;
		const value = context.getNodeParameter(
			name,
			itemIndex,
			fallback as NodeParameterValueType,
		) as T;
		if (!containsExpression(rawParameter(raw, name))) constants.set(name, value);
		return value;
	};
}

export type ItemParameterReader = ReturnType<typeof itemParameterReader>;
