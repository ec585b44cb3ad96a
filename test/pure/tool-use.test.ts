import { isToolUse } from '../../nodes/shared/agent-tool/tool-use';

describe('AI Agent tool use', () => {
	test('is recognised by the Tool node type n8n gives a node used as a tool', () => {
		expect(isToolUse('n8n-nodes-opendialog.openDialogGetInteractionsTool')).toBe(true);
		expect(isToolUse('n8n-nodes-opendialog.openDialogGetInteractions')).toBe(false);
	});
});
