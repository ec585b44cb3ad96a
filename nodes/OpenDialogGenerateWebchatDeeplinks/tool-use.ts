/**
 * As an AI Agent tool, the node's item is not a contact: n8n's engine builds it from the
 * agent's own input item (e.g. `chatInput`, `sessionId`), the model's arguments and
 * `toolCallId`. Only the arguments the node declares with `$fromAI()` are the contact's data.
 */

const FROM_AI_KEY = /\$fromAI\s*\(\s*(["'`])((?:(?!\1)[^\\])*)\1/gi;

/** The keys of every `$fromAI('key', …)` in the node's parameters: the tool's own arguments. */
export function toolArgumentNames(parameters: unknown): Set<string> {
	const names = new Set<string>();
	const visit = (value: unknown): void => {
		if (typeof value === 'string') {
			for (const match of value.matchAll(FROM_AI_KEY)) names.add(match[2]);
		} else if (value !== null && typeof value === 'object') {
			Object.values(value).forEach(visit);
		}
	};
	visit(parameters);
	return names;
}

/** The item's fields that are tool arguments; agent fields and anything else stay behind. */
export function pickToolArguments(
	json: Record<string, unknown>,
	names: Set<string>,
): Record<string, unknown> {
	return Object.fromEntries(Object.entries(json).filter(([name]) => names.has(name)));
}
