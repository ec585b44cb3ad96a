import type { ChatUserFields, OutgoingMessage } from './types';

/** The widget's envelope, which every generation accepts unchanged. */
export interface MessageBody {
	notification: 'message';
	user_id: string;
	author: string;
	message_id: string;
	content: {
		type: string;
		author: string;
		callback_id?: string;
		data: Record<string, string>;
		user: ChatUserFields;
	};
}

function contentOf(message: OutgoingMessage): {
	type: string;
	callback_id?: string;
	data: Record<string, string>;
} {
	if (message.type === 'text') return { type: 'text', data: { text: message.text } };
	const data: Record<string, string> = {};
	if (message.value !== undefined && message.value !== '') data.value = message.value;
	if (message.type === 'trigger') return { type: 'trigger', callback_id: message.callbackId, data };
	// The label is what history shows as the user's message.
	if (message.label) data.text = message.label;
	return { type: 'button_response', callback_id: message.callbackId, data };
}

/**
 * The message to send. `data` and `user` are always present (the engine reads both without
 * checking), and `selected_scenario` always sits in `user.custom`: the engine picks the
 * scenario by that user attribute.
 */
export function buildMessageBody(input: {
	userId: string;
	scenarioId: string;
	message: OutgoingMessage;
	user: ChatUserFields;
	messageId: string;
}): MessageBody {
	const { userId, scenarioId, message, user, messageId } = input;
	return {
		notification: 'message',
		user_id: userId,
		author: userId,
		message_id: messageId,
		content: {
			...contentOf(message),
			author: userId,
			user: { ...user, custom: { ...user.custom, selected_scenario: scenarioId } },
		},
	};
}
