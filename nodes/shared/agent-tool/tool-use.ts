/**
 * n8n registers a node's tool form as `<type>Tool`, and its engine adds `toolCallId` to the
 * item it builds for a tool call; either one says the node runs as an AI Agent tool.
 */
export function isToolUse(nodeType: string, items: Array<{ json: object }> = []): boolean {
	return nodeType.endsWith('Tool') || items.some((item) => 'toolCallId' in item.json);
}
