import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	itemParameterReader,
	type ItemParameterReader,
} from '../shared/parameters/item-parameters';

import { InputError } from '../shared/errors/input-error';
import {
	ATTRIBUTE_PAIRS_PARAMETER,
	type AttributePair,
} from '../shared/properties/attribute-pairs';
import { buildDatasetRow, pairsToObject, parseAttributesJson } from './attributes';
import type { PreparedRow, ScenarioRef } from './batches';
import { fieldReadingParameterReader } from './field-read-parameters';

export const DEFAULT_BATCH_SIZE = 100;
export const MAX_BATCH_SIZE = 1000;

export interface OutputSettings {
	outputField: string;
	linkOnly: boolean;
}

function readScenario(parameter: ItemParameterReader, itemIndex: number): ScenarioRef {
	const byAlias = parameter('scenarioBy', itemIndex) === 'alias';
	const name = byAlias ? 'scenarioAlias' : 'scenarioId';
	const value = String(parameter(name, itemIndex, '') ?? '').trim();
	if (value === '') {
		throw new InputError(
			byAlias ? "'Scenario Alias' is empty" : "'Scenario ID' is empty",
			'Set the scenario the links should open, as found in OpenDialog (or choose the other way of naming it).',
		);
	}
	return byAlias ? { scenario_alias: value } : { scenario_id: value };
}

/**
 * As an AI Agent tool the item is not a contact: n8n builds it from the agent's own input
 * (`chatInput`, `sessionId`, …), `toolCallId` and the model's arguments, and in this mode the
 * only arguments are the ones filling Scenario and User ID, which are not attributes.
 */
function allFields(item: INodeExecutionData, asTool: boolean): IDataObject {
	if (!asTool) return item.json;
	throw new InputError(
		"As an AI Agent tool, All Fields of the Item has no contact fields to send: the item holds the agent's own fields and the tool's Scenario and User ID",
		"Set Attributes to 'Define Below' with values such as {{ $fromAI('first_name', \"the contact's first name\") }}. The agent's own fields (chatInput, toolCallId, …) are never sent.",
	);
}

function readAttributes(
	parameter: ItemParameterReader,
	item: INodeExecutionData,
	itemIndex: number,
	asTool: boolean,
): IDataObject {
	const mode = parameter('attributesMode', itemIndex);
	if (mode === 'defineBelow') {
		return pairsToObject(
			parameter<AttributePair[]>(ATTRIBUTE_PAIRS_PARAMETER, itemIndex, []),
		) as IDataObject;
	}
	if (mode === 'json')
		return parseAttributesJson(parameter('attributesJson', itemIndex)) as IDataObject;
	return allFields(item, asTool);
}

/** Reads one item's parameters into a checked dataset row; throws InputError when invalid. */
export function readRow(
	parameter: ItemParameterReader,
	item: INodeExecutionData,
	itemIndex: number,
	asTool: boolean,
): PreparedRow {
	const mode = parameter('attributesMode', itemIndex);
	const options = parameter<IDataObject>('options', itemIndex, {});
	return {
		itemIndex,
		scenario: readScenario(parameter, itemIndex),
		row: buildDatasetRow(
			parameter('userId', itemIndex, ''),
			readAttributes(parameter, item, itemIndex, asTool),
			mode === 'allFields' && options.flattenNested === true,
		),
	};
}

/**
 * How this run reads its rows. As an AI Agent tool n8n evaluates every parameter (its
 * `$fromAI()` arguments among them); otherwise plain `$json` field reads are answered from
 * the item.
 */
export function rowReader(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	asTool: boolean,
): ItemParameterReader {
	return asTool ? itemParameterReader(context) : fieldReadingParameterReader(context, items);
}

/** A run-wide setting: batches span items, so it is read once. */
export function readBatchSize(context: IExecuteFunctions): number {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const size = Number(options.batchSize ?? DEFAULT_BATCH_SIZE);
	if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH_SIZE) {
		throw new InputError(
			`The node setting 'Batch Size' must be a whole number from 1 to ${MAX_BATCH_SIZE}, got ${options.batchSize}`,
			`Set Options → Batch Size on this node (it applies to all items, not to one): use ${DEFAULT_BATCH_SIZE}, the documented maximum of OpenDialog, unless your workspace allows another.`,
		);
	}
	return size;
}

export function readOutputSettings(
	parameter: ItemParameterReader,
	itemIndex: number,
): OutputSettings {
	const options = parameter<IDataObject>('options', itemIndex, {});
	const outputField = String(options.outputField ?? 'deeplink').trim();
	return {
		outputField: outputField === '' ? 'deeplink' : outputField,
		linkOnly: options.linkOnly === true,
	};
}
