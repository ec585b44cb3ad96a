/**
 * n8n registers a node's tool form as `<type>Tool`: the type alone says the node runs as an AI
 * Agent tool. Nothing on an item decides it, since any payload may carry a `toolCallId`.
 */
export function isToolUse(nodeType: string): boolean {
	return nodeType.endsWith('Tool');
}
