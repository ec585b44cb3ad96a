import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	fetchInteractionWindows,
	groupInteractionsByUser,
} from '../shared/public-api/interactions';
import { errorItem, toItemError } from '../shared/errors/item-errors';
import { toolErrorResult } from '../shared/agent-tool/tool-error';
import { isToolUse } from '../shared/agent-tool/tool-use';
import { getConnection } from '../shared/public-api/connection';
import { interactionsProperties } from './description';
import { readOutputShape, shapeOutput } from './output';
import { buildInteractionsQuery } from './query';
import { toToolResult } from './tool-output';

export class OpenDialogGetInteractions implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenDialog Get Interactions',
		name: 'openDialogGetInteractions',
		icon: { light: 'file:opendialog.svg', dark: 'file:opendialog.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle:
			'={{ $parameter["outputMode"] === "perInteraction" ? "One item per interaction" : "One item per user" }}',
		description:
			'Get what users said to OpenDialog chatbot scenarios between two dates: per user, their ID, name, email and messages with dates',
		defaults: { name: 'OpenDialog Get Interactions' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openDialogApi', required: true }],
		properties: interactionsProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const connection = await getConnection(
			this,
			this.getNodeParameter('options', 0, {}) as IDataObject,
		);
		const timezone = this.getTimezone();
		const asTool = isToolUse(this.getNode().type);
		const output: INodeExecutionData[] = [];

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
				const query = buildInteractionsQuery({
					from: this.getNodeParameter('from', itemIndex),
					to: this.getNodeParameter('to', itemIndex),
					filters: this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
					windowHours: Number(options.windowHours ?? 0),
					timezone,
					apiVersion: connection.apiVersion,
				});
				const shape = readOutputShape({
					outputMode: this.getNodeParameter('outputMode', itemIndex),
					returnAll: this.getNodeParameter('returnAll', itemIndex, true),
					limit: this.getNodeParameter('limit', itemIndex, 50),
					simplify: this.getNodeParameter('simplify', itemIndex, false),
				});
				const responses = await fetchInteractionWindows(
					this,
					connection,
					query.windows,
					query.filters,
					itemIndex,
				);
				const users = groupInteractionsByUser(responses, {
					sortByDate: options.sortByDate !== false,
					range: query.range,
				});
				const shaped = shapeOutput(users, shape);
				const records = asTool ? toToolResult(shaped, query) : shaped.records;
				// A loop, not push(...records): a large tenant would overflow the call stack.
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
