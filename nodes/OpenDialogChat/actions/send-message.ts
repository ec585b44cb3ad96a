import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendChatMessage } from '../../shared/chat-api/chat';
import type { ChatConnection } from '../../shared/chat-api/connection';
import type { ChatUserFields, OutgoingMessage } from '../../shared/chat-api/types';
import { InputError } from '../../shared/errors/input-error';
import type { ItemParameterReader } from '../../shared/parameters/item-parameters';
import { readOutgoingMessage, readUserFields } from '../message-parameters';
import { answerRecord, messageRecords } from '../reply-items';

export function readUserId(value: unknown): string {
	const userId = value === undefined || value === null ? '' : String(value).trim();
	if (userId === '')
		throw new InputError(
			"'User ID' is empty",
			'Map who is talking, e.g. {{ $json.from }}: the same ID continues the same conversation.',
		);
	return userId;
}

/** The message and user of one item: what Send Message and each turn of Run Script send. */
export function readTurn(
	read: ItemParameterReader,
	itemIndex: number,
): { message: OutgoingMessage; user: ChatUserFields } {
	return {
		message: readOutgoingMessage({
			messageType: read('messageType', itemIndex, 'text'),
			text: read('text', itemIndex, ''),
			callbackId: read('callbackId', itemIndex, 'WELCOME'),
			buttonCallbackId: read('buttonCallbackId', itemIndex, ''),
			value: read('value', itemIndex, ''),
			buttonLabel: read('buttonLabel', itemIndex, ''),
		}),
		user: readUserFields(read('userFields', itemIndex, {}), read('attributes', itemIndex, {})),
	};
}

export async function sendMessage(
	context: IExecuteFunctions,
	connection: ChatConnection,
	read: ItemParameterReader,
	itemIndex: number,
): Promise<IDataObject[]> {
	const userId = readUserId(read('userId', itemIndex));
	const turn = readTurn(read, itemIndex);
	const messages = await sendChatMessage(context, connection, { userId, ...turn, itemIndex });
	const options = read<IDataObject>('options', itemIndex, {});
	return options.splitMessages === true
		? messageRecords(userId, messages)
		: [answerRecord(userId, messages)];
}
