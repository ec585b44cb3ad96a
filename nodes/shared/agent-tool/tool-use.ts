/**
 * n8n registers a node's tool form as `<type>Tool`: only the node's type says it runs as an
 * AI Agent tool. Items prove nothing: a payload that passed through an agent's sub-workflow
 * still carries the `toolCallId` n8n put on it.
 */
export function isToolUse(nodeType: string): boolean {
	return nodeType.endsWith('Tool');
}
