import { sourceFile } from '../../../shared/public-api/knowledge/files';
import type { SourceDraft } from '../../../shared/public-api/knowledge/types';
import { readTopicAddress, readOptions, topicAddressProperties } from '../common';
import {
	readMaxFileBytes,
	readSourceInput,
	sourceProperties,
	type SourceInput,
} from '../source-fields';
import type { ItemOperation } from '../types';

/** What OpenDialog is sent for one source read from an item. Pure. */
export function toSourceDraft(input: SourceInput, fileName = input.file?.fileName): SourceDraft {
	const configuration: SourceDraft['configuration'] = { name: input.name };
	if (input.type !== 'file') configuration.source = input.source;
	if (input.type === 'url') {
		if (input.exclusionClasses) configuration.exclusion_classes = input.exclusionClasses;
		if (input.exclusionIds) configuration.exclusion_ids = input.exclusionIds;
	}
	if (input.type !== 'text') configuration.should_strip_tags = input.stripTags;
	const draft: SourceDraft = { type: input.type, configuration };
	if (input.file) {
		draft.file = sourceFile(input.file.content, fileName ?? input.source, input.file.mimeType);
	}
	return draft;
}

export const create: ItemOperation = {
	properties: [
		...topicAddressProperties('topicSource', ['create']),
		...sourceProperties('topicSource', 'create', 'Name'),
	],
	async execute(context, api, itemIndex) {
		const address = readTopicAddress(context, itemIndex);
		const maxFileBytes = readMaxFileBytes(readOptions(context, itemIndex));
		const input = await readSourceInput(context, itemIndex, maxFileBytes);
		return await api.createSource(
			address.serviceId,
			address.topicId,
			toSourceDraft(input),
			itemIndex,
		);
	},
};
