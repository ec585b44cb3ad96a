import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { randomUUID } from 'crypto';

import { answerButtons, answerText } from '../../shared/chat-api/answers';
import { describeSending, sendChatMessage } from '../../shared/chat-api/chat';
import type { ChatConnection } from '../../shared/chat-api/connection';
import { errorItem, toItemError } from '../../shared/errors/item-errors';
import type { ItemParameterReader } from '../../shared/parameters/item-parameters';
import { checkReply, readExpectation } from '../script';
import { readTurn } from './send-message';

interface FailedTurn {
	itemIndex: number;
	reason: string;
	reply: string;
}

function shorten(text: string, length = 120): string {
	const flat = text.replace(/\s+/g, ' ');
	return flat.length > length ? `${flat.slice(0, length - 3)}...` : flat;
}

/**
 * Plays every input item as one turn of a single conversation, as a user no run has used
 * before, so the scenario starts from scratch; one output item per turn, pass or fail.
 */
export async function runScript(
	context: IExecuteFunctions,
	connection: ChatConnection,
	read: ItemParameterReader,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const userId = `n8n-script-${randomUUID()}`;
	// The script's user is never seen again: its cookie is not worth keeping between runs.
	const scriptConnection = { ...connection, cookies: {} };
	const output: INodeExecutionData[] = [];
	const failed: FailedTurn[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const turn = readTurn(read, itemIndex);
			const expectation = readExpectation(read('expectation', itemIndex, 'contains'));
			const expected = String(read('expected', itemIndex, '') ?? '');
			const messages = await sendChatMessage(context, scriptConnection, {
				userId,
				...turn,
				itemIndex,
			});
			const reply = answerText(messages);
			const verdict = checkReply(reply, expectation, expected);
			if (!verdict.passed) failed.push({ itemIndex, reason: verdict.reason, reply });
			const json: IDataObject = {
				turn: itemIndex + 1,
				userId,
				sent: describeSending(turn.message, userId),
				expectation,
				expected: expectation === 'any' ? null : expected,
				passed: verdict.passed,
				reason: verdict.reason,
				reply,
				buttons: answerButtons(messages) as unknown as IDataObject[],
				messages: messages as unknown as IDataObject[],
			};
			output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const itemError = toItemError(context, error, itemIndex);
			if (!context.continueOnFail()) throw itemError;
			output.push(errorItem(itemError, itemIndex));
		}
	}

	const options = read<IDataObject>('options', 0, {});
	if (failed.length > 0 && options.failOnMismatch !== false) {
		const first = failed[0];
		throw new NodeOperationError(
			context.getNode(),
			`${failed.length} of ${items.length} turns failed; first, turn ${first.itemIndex + 1}: ${first.reason}`,
			{
				description: `Turn ${first.itemIndex + 1} got: "${shorten(first.reply)}". Failed turns: ${failed.map((turn) => turn.itemIndex + 1).join(', ')}. Turn off the option "Fail the Node When a Turn Fails" to output every turn with passed true or false.`,
				itemIndex: first.itemIndex,
			},
		);
	}
	return output;
}
