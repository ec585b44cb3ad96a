import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { fetchInteractionWindows } from '../shared/api/interactions-api';
import { errorItem, toItemError } from '../shared/items/item-errors';
import { getConnection } from '../shared/transport/request';
import { interactionsProperties } from './description';
import { groupInteractionsByUser, toInteractionItems } from '../shared/api/interactions';
import { buildInteractionsQuery } from './query';

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
			'Get what users said to OpenDialog scenarios between two dates, as one item per user or per interaction',
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
				const perInteraction = this.getNodeParameter('outputMode', itemIndex) === 'perInteraction';
				const records: IDataObject[] = perInteraction ? toInteractionItems(users) : users;
				// A loop, not push(...records): a large tenant would overflow the call stack.
				for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				const itemError = toItemError(this, error, itemIndex);
				if (!this.continueOnFail()) throw itemError;
				output.push(errorItem(itemError, itemIndex));
			}
		}
		return [output];
	}
}
