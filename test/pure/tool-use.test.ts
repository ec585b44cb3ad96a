import { isToolUse } from '../../nodes/shared/agent-tool/tool-use';

describe('AI Agent tool use', () => {
	test('is recognised by the Tool node type n8n gives a node used as a tool', () => {
		expect(
			isToolUse('n8n-nodes-opendialog.openDialogGenerateWebchatDeeplinksTool', [{ json: {} }]),
		).toBe(true);
		expect(
			isToolUse('n8n-nodes-opendialog.openDialogGenerateWebchatDeeplinks', [{ json: {} }]),
		).toBe(false);
	});

	test('is recognised by the Tool node type alone when no items are given', () => {
		expect(isToolUse('n8n-nodes-opendialog.openDialogGetInteractionsTool')).toBe(true);
		expect(isToolUse('n8n-nodes-opendialog.openDialogGetInteractions')).toBe(false);
	});

	test('is recognised by the toolCallId n8n adds to a tool item', () => {
		expect(
			isToolUse('n8n-nodes-opendialog.openDialogGenerateWebchatDeeplinks', [
				{ json: { chatInput: 'hi', toolCallId: 'call_1' } },
			]),
		).toBe(true);
	});
});
