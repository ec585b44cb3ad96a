import type { INodeProperties } from 'n8n-workflow';

import { readDocuments } from '../../sync/documents';
import { syncGroup, readSyncSettings } from '../../sync/run';
import { copyError } from '../errors';
import { knowledgeServiceLocator, readOptions, showFor } from '../common';
import { sourceProperties } from '../source-fields';
import type { BatchOperation, Outcome } from '../types';

const properties: INodeProperties[] = [
	knowledgeServiceLocator('topic', ['sync']),
	{
		displayName: 'Topic Name',
		name: 'topicName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. help_centre',
		description:
			'The topic to keep in sync, created if missing. Letters, digits, "_" and "-" only (no spaces).',
		displayOptions: showFor('topic', ['sync']),
	},
	...sourceProperties('topic', 'sync', 'Document Name'),
];

/** Sync options; the node adds them to its Options collection. */
export const syncOptions: INodeProperties[] = [
	{
		displayName: 'Keep Sources Not in Input',
		name: 'keepUnlisted',
		type: 'boolean',
		default: false,
		description:
			'Whether to keep sources of the topic that no input item names; by default Sync removes them',
	},
	{
		displayName: 'Topic Description',
		name: 'topicDescription',
		type: 'string',
		default: '',
		description: 'The description of the topic when Sync creates it',
	},
	{
		displayName: 'Vectorisation',
		name: 'vectorisation',
		type: 'options',
		default: 'start',
		description: 'Whether to vectorise the topic after a sync that changed it',
		options: [
			{
				name: 'None',
				value: 'none',
				description: 'Leave vectorisation to OpenDialog or a later run',
			},
			{ name: 'Start', value: 'start', description: 'Start vectorisation and go on' },
			{
				name: 'Start and Wait',
				value: 'wait',
				description:
					'Wait until every source is vectorised; documents whose source failed become item errors',
			},
		],
	},
];

/** Items are grouped by knowledge service and topic name; each group is one topic's sync. */
export const sync: BatchOperation = {
	properties,
	async executeBatch(context, api, itemCount, continueOnFail) {
		const { groups, invalid } = await readDocuments(context, itemCount);
		// Without Continue On Fail, bad input stops the node before anything is sent.
		if (invalid.length > 0 && !continueOnFail) return [invalid[0]];
		const result: Outcome[] = [...invalid];
		for (const group of groups) {
			try {
				const settings = readSyncSettings(readOptions(context, group.itemIndexes[0]));
				result.push(...(await syncGroup(api, group, settings)));
			} catch (error) {
				for (const document of group.documents) {
					result.push({ error: copyError(error), itemIndex: document.itemIndex });
				}
				if (!continueOnFail) break;
			}
		}
		return result.sort((a, b) => outputPosition(a) - outputPosition(b));
	},
};

/** Output follows the input order; removed sources, which come from no one item, come last. */
function outputPosition(outcome: Outcome): number {
	if ('error' in outcome) return outcome.itemIndex;
	return Array.isArray(outcome.pairedItem) ? Infinity : outcome.pairedItem;
}
