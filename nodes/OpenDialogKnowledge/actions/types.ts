import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { KnowledgeApi } from '../../shared/public-api/knowledge/knowledge-api';

/** What one input item of an operation produced: records, or the failure. */
export type Outcome =
	| { json: IDataObject; pairedItem: number | number[] }
	| { error: unknown; itemIndex: number };

/** An operation run once per input item. */
export interface ItemOperation {
	properties: INodeProperties[];
	execute(
		context: IExecuteFunctions,
		api: KnowledgeApi,
		itemIndex: number,
		// API records as they are: the router makes them items.
	): Promise<object | object[]>;
}

/** An operation that handles all input items together (Sync). */
export interface BatchOperation {
	properties: INodeProperties[];
	executeBatch(
		context: IExecuteFunctions,
		api: KnowledgeApi,
		itemCount: number,
		continueOnFail: boolean,
	): Promise<Outcome[]>;
}

export type KnowledgeOperation = ItemOperation | BatchOperation;
