import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { describeItemRanges, errorItem, toItemError } from '../shared/errors/item-errors';
import type { Deeplink } from '../shared/public-api/deeplinks';
import { InputError } from '../shared/errors/input-error';
import type { OutputSettings } from './parameters';

/**
 * Collects one output per input item, in input order, and is the one place that decides
 * what a failure does: an error item with Continue On Fail, otherwise a thrown error that
 * names the failed items and which items had already got links.
 */
export class DeeplinkResults {
	private readonly output: Array<INodeExecutionData | undefined>;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly items: INodeExecutionData[],
		private readonly continueOnFail: boolean,
	) {
		this.output = new Array<INodeExecutionData | undefined>(items.length);
	}

	link(itemIndex: number, link: Deeplink, settings: OutputSettings): void {
		const input = this.items[itemIndex];
		const pairedItem = { item: itemIndex };
		this.output[itemIndex] = settings.linkOnly
			? { json: { ...link }, pairedItem }
			: {
					json: { ...input.json, [settings.outputField]: { ...link } },
					...(input.binary ? { binary: input.binary } : {}),
					pairedItem,
				};
	}

	fail(itemIndex: number, error: unknown): void {
		const itemError = toItemError(this.context, error, itemIndex);
		if (!this.continueOnFail) throw this.withProgress(itemError);
		this.output[itemIndex] = errorItem(itemError, itemIndex);
	}

	/** A node setting is wrong: no item is to blame, so none is named; with Continue On Fail every item gets the error. */
	failNode(error: unknown): void {
		const message = error instanceof Error ? error.message : String(error);
		if (!this.continueOnFail) {
			throw new NodeOperationError(this.context.getNode(), message, {
				description: error instanceof InputError ? error.description : undefined,
			});
		}
		this.items.forEach((_, itemIndex) => {
			this.output[itemIndex] = errorItem(message, itemIndex);
		});
	}

	failBatch(itemIndices: number[], error: unknown): void {
		const message = error instanceof Error ? error.message : String(error);
		if (!this.continueOnFail) {
			const batchError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.context.getNode(), message);
			batchError.message = `${message} [items ${describeItemRanges(itemIndices)}]`;
			batchError.context.itemIndex = itemIndices[0];
			throw this.withProgress(batchError);
		}
		for (const itemIndex of itemIndices) {
			this.output[itemIndex] = errorItem(error, itemIndex, `${message} [item ${itemIndex}]`);
		}
	}

	/** Says which items already got links, so a failure late in a long run loses nothing silently. */
	private withProgress<E extends NodeApiError | NodeOperationError>(error: E): E {
		const linked = this.output.flatMap((item, index) => (item ? [index] : []));
		if (linked.length > 0) {
			const unlinked = this.items.map((_, index) => index).filter((index) => !this.output[index]);
			error.description = [
				error.description,
				`Links were already generated for items ${describeItemRanges(linked)}; items ${describeItemRanges(unlinked)} got none. Turn on the node's Continue On Fail setting to output the generated links and an error item for each failed item.`,
			]
				.filter(Boolean)
				.join(' ');
		}
		return error;
	}

	toItems(): INodeExecutionData[] {
		return this.output as INodeExecutionData[];
	}
}
