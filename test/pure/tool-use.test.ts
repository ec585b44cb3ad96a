import {
	pickToolArguments,
	toolArgumentNames,
} from '../../nodes/OpenDialogGenerateWebchatDeeplinks/tool-use';
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

	test("finds the $fromAI() argument names anywhere in the node's parameters", () => {
		const parameters = {
			userId: "={{ $fromAI('user_id', 'the contact id', 'string') }}",
			attributes: {
				attribute: [
					{ name: 'first_name', value: '={{ $fromAI("first_name") }}' },
					{ name: 'plan', value: '={{ $fromai( `plan` ) }} and {{ $json.other }}' },
				],
			},
			options: { batchSize: 100 },
		};
		expect([...toolArgumentNames(parameters)].sort()).toEqual(['first_name', 'plan', 'user_id']);
	});

	test("keeps only the tool's arguments of an item n8n merged with the agent's input", () => {
		const merged = {
			chatInput: 'send Ann the claims link, she lives at 1 High St',
			sessionId: 's-1',
			action: 'sendMessage',
			first_name: 'Ann',
			user_id: 'ann-1',
			toolCallId: 'call_1',
		};
		expect(pickToolArguments(merged, new Set(['first_name', 'user_id']))).toEqual({
			first_name: 'Ann',
			user_id: 'ann-1',
		});
	});
});
