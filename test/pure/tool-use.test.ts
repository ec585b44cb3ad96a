import { isToolUse } from '../../nodes/shared/agent-tool/tool-use';

describe('AI Agent tool use', () => {
	test('is recognised by the Tool node type n8n gives a node used as a tool, and only by it', () => {
		expect(isToolUse('n8n-nodes-opendialog.openDialogGenerateWebchatDeeplinksTool')).toBe(true);
		expect(isToolUse('n8n-nodes-opendialog.openDialogGenerateWebchatDeeplinks')).toBe(false);
		expect(isToolUse('n8n-nodes-opendialog.openDialogGetInteractionsTool')).toBe(true);
		expect(isToolUse('n8n-nodes-opendialog.openDialogGetInteractions')).toBe(false);
	});
});
