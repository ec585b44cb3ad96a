import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getChatConnection } from '../shared/chat-api/connection';
import { errorItem, toItemError } from '../shared/errors/item-errors';
import { itemParameterReader } from '../shared/parameters/item-parameters';
import { toolErrorResult } from '../shared/agent-tool/tool-error';
import { isToolUse } from '../shared/agent-tool/tool-use';
import { getHistory } from './actions/get-history';
import { runScript } from './actions/run-script';
import { sendMessage } from './actions/send-message';
import { conversationCookies } from './conversation-cookies';
import { chatProperties } from './description';

export class OpenDialogChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenDialog Chat',
		name: 'openDialogChat',
		icon: { light: 'file:opendialog.svg', dark: 'file:opendialog.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			"Talk to an OpenDialog scenario as a user: send messages and get the bot's answers, read a conversation, or test a scripted one",
		defaults: { name: 'OpenDialog Chat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openDialogChatApi', required: true }],
		properties: chatProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const read = itemParameterReader(this);
		const operation = read<string>('operation', 0);
		const connection = await getChatConnection(
			this,
			read<IDataObject>('options', 0, {}),
			conversationCookies(this),
		);
		if (operation === 'runScript') return [await runScript(this, connection, read)];

		const asTool = isToolUse(this.getNode().type);
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const records =
					operation === 'getHistory'
						? await getHistory(this, connection, read, itemIndex)
						: await sendMessage(this, connection, read, itemIndex);
				for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				const itemError = toItemError(this, error, itemIndex);
				if (asTool) {
					output.push({ json: toolErrorResult(itemError), pairedItem: { item: itemIndex } });
					continue;
				}
				if (!this.continueOnFail()) throw itemError;
				output.push(errorItem(itemError, itemIndex));
			}
		}
		return [output];
	}
}
