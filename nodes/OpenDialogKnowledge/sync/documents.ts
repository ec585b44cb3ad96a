/** Input items → the documents of each topic to sync, and the items that cannot be synced. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../shared/errors/input-error';
import { readLocator, readOptions, readValidName } from '../actions/common';
import { readMaxFileBytes, readSourceInput } from '../actions/source-fields';
import type { Outcome } from '../actions/types';
import { contentHash } from './fingerprint';
import type { SyncDocument } from './plan';
import type { SyncGroup } from './run';

export interface ReadDocuments {
	groups: SyncGroup[];
	invalid: Array<Extract<Outcome, { error: unknown }>>;
}

export async function readDocuments(
	context: IExecuteFunctions,
	itemCount: number,
): Promise<ReadDocuments> {
	const groups = new Map<string, SyncGroup>();
	const invalid: ReadDocuments['invalid'] = [];
	const firstItemOfName = new Map<string, number>();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		let group: SyncGroup | undefined;
		try {
			const options = readOptions(context, itemIndex);
			const serviceId = readLocator(context, 'knowledgeService', itemIndex);
			const topicName = readValidName(
				context.getNodeParameter('topicName', itemIndex, ''),
				'Topic Name',
				options,
			);
			const key = JSON.stringify([serviceId, topicName]);
			group = groups.get(key);
			if (!group) {
				group = { serviceId, topicName, documents: [], itemIndexes: [], hasInvalidItems: false };
				groups.set(key, group);
			}
			group.itemIndexes.push(itemIndex);
			const input = await readSourceInput(context, itemIndex, readMaxFileBytes(options));
			const document: SyncDocument = input.file
				? { ...input, contentHash: contentHash(input.file.content) }
				: input;
			const nameKey = JSON.stringify([key, document.name]);
			const earlier = firstItemOfName.get(nameKey);
			if (earlier !== undefined) {
				throw new InputError(
					`Document name ${JSON.stringify(document.name)} is already used by item ${earlier}`,
					'Names identify documents in the topic: give each document its own name, or remove duplicates before this node (e.g. with Remove Duplicates).',
				);
			}
			firstItemOfName.set(nameKey, itemIndex);
			group.documents.push(document);
		} catch (error) {
			if (group) group.hasInvalidItems = true;
			invalid.push({ error, itemIndex });
		}
	}
	return { groups: [...groups.values()], invalid };
}
