/** Picks the operation, runs it over the input items, and makes the outcomes n8n items. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getConnection } from '../../shared/public-api/connection';
import { knowledgeApi } from '../../shared/public-api/knowledge/knowledge-api';
import { errorItem, toItemError } from '../../shared/errors/item-errors';
import { readOptions } from './common';
import { knowledgeServiceOperations } from './knowledgeService';
import { topicOperations } from './topic';
import { topicSourceOperations } from './topicSource';
import type { ItemOperation, KnowledgeOperation, Outcome } from './types';

const OPERATIONS: Record<string, Record<string, KnowledgeOperation>> = {
	knowledgeService: knowledgeServiceOperations,
	topic: topicOperations,
	topicSource: topicSourceOperations,
};

export async function route(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operationName = context.getNodeParameter('operation', 0) as string;
	const operation = OPERATIONS[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			context.getNode(),
			`Unknown operation ${resource} → ${operationName}`,
		);
	}
	const api = knowledgeApi(context, await getConnection(context, readOptions(context, 0)));
	const itemCount = context.getInputData().length;
	const continueOnFail = context.continueOnFail();

	const outcomes =
		'executeBatch' in operation
			? await operation.executeBatch(context, api, itemCount, continueOnFail)
			: await eachItem(context, operation, api, itemCount, continueOnFail);

	// Continue On Fail is decided here, and only here.
	const output: INodeExecutionData[] = [];
	for (const outcome of outcomes) {
		if ('error' in outcome) {
			const itemError = toItemError(context, outcome.error, outcome.itemIndex);
			if (!continueOnFail) throw itemError;
			output.push(errorItem(itemError, outcome.itemIndex));
		} else {
			const paired = Array.isArray(outcome.pairedItem)
				? outcome.pairedItem.map((item) => ({ item }))
				: { item: outcome.pairedItem };
			output.push({ json: outcome.json, pairedItem: paired });
		}
	}
	return [output];
}

/** Runs an item operation for each item in turn; without Continue On Fail, stops at the first failure. */
async function eachItem(
	context: IExecuteFunctions,
	operation: ItemOperation,
	api: Parameters<ItemOperation['execute']>[1],
	itemCount: number,
	continueOnFail: boolean,
): Promise<Outcome[]> {
	const outcomes: Outcome[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const result = await operation.execute(context, api, itemIndex);
			// A loop, not push(...records): a long list would overflow the call stack.
			for (const json of Array.isArray(result) ? result : [result]) {
				outcomes.push({ json: json as IDataObject, pairedItem: itemIndex });
			}
		} catch (error) {
			outcomes.push({ error, itemIndex });
			if (!continueOnFail) break;
		}
	}
	return outcomes;
}
