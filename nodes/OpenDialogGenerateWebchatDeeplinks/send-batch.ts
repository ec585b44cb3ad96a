import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { PublicApiConnection } from '../shared/public-api/connection';
import { requestDeeplinks, type Deeplink } from '../shared/public-api/deeplinks';
import { OpenDialogApiError } from '../shared/transport/request';
import { matchLinks, MISMATCH_HINT, rowRejections, type Batch } from './batches';

export type RowOutcome = { link: Deeplink } | { error: NodeApiError | NodeOperationError };

/**
 * Sends one batch as one request. When OpenDialog rejects single rows (a 422 on
 * `dataset.<i>.…`), those rows get their own errors and, if `resendWithoutRejected`, the rest
 * of the batch is sent again without them (otherwise they get no outcome). Any other failure
 * is thrown for the whole batch.
 */
export async function sendBatch(
	context: IExecuteFunctions,
	connection: PublicApiConnection,
	batch: Batch,
	resendWithoutRejected: boolean,
): Promise<Map<number, RowOutcome>> {
	const outcomes = new Map<number, RowOutcome>();
	let pending = batch.rows;
	while (pending.length > 0) {
		const attempt = await requestDeeplinks(
			context,
			connection,
			{ ...batch.scenario, dataset: pending.map((prepared) => prepared.row) },
			pending[0].itemIndex,
		).then(
			(response) => ({ response }),
			(failure: unknown) => ({ failure }),
		);
		if ('failure' in attempt) {
			const { failure } = attempt;
			const rejections =
				failure instanceof OpenDialogApiError && failure.statusCode === 422
					? rowRejections(failure.fieldErrors, pending.length)
					: undefined;
			// Anything but single rejected rows concerns the whole batch: the caller decides.
			if (!rejections || rejections.byPosition.size === 0) throw failure;
			for (const [position, messages] of rejections.byPosition) {
				const { itemIndex } = pending[position];
				const rejection = new NodeApiError(
					context.getNode(),
					{ httpCode: '422', messages },
					{
						message: `OpenDialog rejected this item: ${messages.join('; ')}`,
						description:
							'Fix the value named above in this item. The other items of its batch are not affected.',
						httpCode: '422',
						itemIndex,
					},
				);
				outcomes.set(itemIndex, { error: rejection });
			}
			if (!resendWithoutRejected) return outcomes;
			pending = pending.filter((_, position) => !rejections.byPosition.has(position));
			continue;
		}
		const { response } = attempt;
		const matched = matchLinks(
			pending.map((prepared) => prepared.row),
			response,
		);
		pending.forEach(({ itemIndex }, position) => {
			const match = matched[position];
			outcomes.set(
				itemIndex,
				'link' in match
					? match
					: {
							error: new NodeOperationError(context.getNode(), match.mismatch, {
								description: MISMATCH_HINT,
								itemIndex,
							}),
						},
			);
		});
		pending = [];
	}
	return outcomes;
}
