import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getChatHistory } from '../../shared/chat-api/chat';
import type { ChatConnection } from '../../shared/chat-api/connection';
import { InputError } from '../../shared/errors/input-error';
import type { ItemParameterReader } from '../../shared/parameters/item-parameters';
import { readUserId } from './send-message';

function readLimit(value: unknown): number {
	const limit = Number(value);
	if (!Number.isInteger(limit) || limit < 1)
		throw new InputError(
			`'Limit' must be a whole number above 0, got ${JSON.stringify(value)}`,
			'Use e.g. 50.',
		);
	return limit;
}

/** One record per message, oldest first (OpenDialog answers newest first). */
export async function getHistory(
	context: IExecuteFunctions,
	connection: ChatConnection,
	read: ItemParameterReader,
	itemIndex: number,
): Promise<IDataObject[]> {
	const rows = await getChatHistory(context, connection, {
		userId: readUserId(read('userId', itemIndex)),
		limit: readLimit(read('limit', itemIndex, 50)),
		ignore: read<string[]>('ignoreTypes', itemIndex, []),
		itemIndex,
	});
	return rows.reverse();
}
