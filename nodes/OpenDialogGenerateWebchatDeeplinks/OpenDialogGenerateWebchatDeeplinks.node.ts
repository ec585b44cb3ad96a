import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { isToolUse } from '../shared/agent-tool/tool-use';
import { getConnection } from '../shared/public-api/connection';
import { planBatches, type PreparedRow } from './batches';
import { deeplinkProperties } from './description';
import { readBatchSize, readOutputSettings, readRow, rowReader } from './parameters';
import { DeeplinkResults } from './results';
import { sendBatch } from './send-batch';

export class OpenDialogGenerateWebchatDeeplinks implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenDialog Generate Webchat Deeplinks',
		name: 'openDialogGenerateWebchatDeeplinks',
		icon: { light: 'file:opendialog.svg', dark: 'file:opendialog.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ "Scenario " + ($parameter["scenarioBy"] === "alias" ? $parameter["scenarioAlias"] : $parameter["scenarioId"]) }}',
		description:
			'Create a personalised OpenDialog webchat short link for each contact, with their details pre-loaded as attributes',
		defaults: { name: 'OpenDialog Generate Webchat Deeplinks' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openDialogApi', required: true }],
		properties: deeplinkProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		// From the node type only: a contact that passed through an agent keeps its toolCallId.
		const asTool = isToolUse(this.getNode().type);
		// As an AI Agent tool, a failure is a result the model can read and correct (message and
		// hint), not an error that ends the agent's run, as a tool error does by default on n8n 1.x.
		const continueOnFail = this.continueOnFail() || asTool;
		const results = new DeeplinkResults(this, items, continueOnFail);
		let batchSize: number;
		try {
			batchSize = readBatchSize(this);
		} catch (error) {
			results.failNode(error);
			return [results.toItems()];
		}
		const connection = await getConnection(
			this,
			this.getNodeParameter('options', 0, {}) as IDataObject,
		);
		const parameter = rowReader(this, items, asTool);

		// Every row is checked before the first request, so bad input fails before links are made.
		const rows: PreparedRow[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				rows.push(readRow(parameter, items[itemIndex], itemIndex, asTool));
			} catch (error) {
				results.fail(itemIndex, error);
			}
		}

		for (const batch of planBatches(rows, batchSize)) {
			let outcomes;
			try {
				outcomes = await sendBatch(this, connection, batch, continueOnFail);
			} catch (error) {
				results.failBatch(
					batch.rows.map((row) => row.itemIndex),
					error,
				);
				continue;
			}
			for (const [itemIndex, outcome] of outcomes) {
				if ('link' in outcome)
					results.link(itemIndex, outcome.link, readOutputSettings(parameter, itemIndex));
				else results.fail(itemIndex, outcome.error);
			}
		}
		return [results.toItems()];
	}
}
