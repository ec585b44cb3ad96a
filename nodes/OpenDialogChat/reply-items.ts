/** The bot's answer as output data: one record per answer, or one per bot message. Pure. */
import type { IDataObject } from 'n8n-workflow';

import { answerButtons, answerText, messageText } from '../shared/chat-api/answers';
import type { BotMessage } from '../shared/chat-api/types';

/** The answer whole: plain text for SMS or e-mail, the buttons as data, the messages as sent. */
export function answerRecord(userId: string, messages: BotMessage[]): IDataObject {
	return {
		userId,
		text: answerText(messages),
		buttons: answerButtons(messages) as unknown as IDataObject[],
		messages: messages as unknown as IDataObject[],
	};
}

/** One record per bot message; an answer without messages still gives one, with no text. */
export function messageRecords(userId: string, messages: BotMessage[]): IDataObject[] {
	if (messages.length === 0)
		return [{ userId, messageIndex: null, type: null, text: '', buttons: [], message: null }];
	return messages.map((message, messageIndex) => ({
		userId,
		messageIndex,
		type: message.type,
		intent: message.intent ?? null,
		text: messageText(message),
		buttons: answerButtons([message]).map((button) => ({
			...button,
			messageIndex,
		})) as unknown as IDataObject[],
		message: message as unknown as IDataObject,
	}));
}
