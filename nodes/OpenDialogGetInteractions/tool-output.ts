import type { IDataObject } from 'n8n-workflow';

import type { ShapedOutput } from './output';

export interface QueriedRange {
	range: { from: string; to: string };
	filters: Record<string, string>;
}

/** "2024-05-01T00:00:00.000000Z" → "2024-05-01 00:00:00 UTC": the form the model gave dates in. */
function readableDate(echoDate: string): string {
	return `${echoDate.slice(0, 19).replace('T', ' ')} UTC`;
}

function describeQuery(query: QueriedRange): string {
	const filters = Object.entries(query.filters).map(([name, value]) => `${name} "${value}"`);
	const range = `between ${readableDate(query.range.from)} and ${readableDate(query.range.to)}`;
	return filters.length > 0 ? `${filters.join(', ')} ${range}` : range;
}

/**
 * What a model reads, as items: an explicit answer when nothing matched (n8n would otherwise
 * hand it an empty string, which reads like a broken tool) and a note when Limit cut users off.
 */
export function toToolResult(output: ShapedOutput, query: QueriedRange): IDataObject[] {
	if (output.totalUsers === 0) {
		return [
			{
				result: `No interactions found for ${describeQuery(query)}.`,
				hint: 'Widen the date range or check the user ID, email or scenario filter.',
			},
		];
	}
	if (output.shownUsers === output.totalUsers) return output.records;
	return [
		...output.records,
		{
			note: `Showing the first ${output.shownUsers} of ${output.totalUsers} users. Narrow the date range or filter by user ID or email to see others.`,
		},
	];
}
