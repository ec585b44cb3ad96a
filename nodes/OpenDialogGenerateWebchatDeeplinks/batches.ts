import type { DatasetRow, Deeplink } from '../shared/public-api/deeplinks';

export interface ScenarioRef {
	scenario_id?: string;
	scenario_alias?: string;
}

export interface PreparedRow {
	itemIndex: number;
	scenario: ScenarioRef;
	row: DatasetRow;
}

export interface Batch {
	scenario: ScenarioRef;
	rows: PreparedRow[];
}

/**
 * Groups rows by scenario (one request names one scenario) and cuts each group into batches
 * of at most `size`, keeping input order within each group. N rows of one scenario cost
 * ceil(N / size) requests.
 */
export function planBatches(rows: PreparedRow[], size: number): Batch[] {
	const groups = new Map<string, PreparedRow[]>();
	for (const row of rows) {
		const key = JSON.stringify(row.scenario);
		const group = groups.get(key);
		if (group) group.push(row);
		else groups.set(key, [row]);
	}
	const batches: Batch[] = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += size) {
			batches.push({ scenario: group[0].scenario, rows: group.slice(start, start + size) });
		}
	}
	return batches;
}

export type MatchedLink = { link: Deeplink } | { mismatch: string };

export const MISMATCH_HINT =
	'OpenDialog answered the rows of this request out of order or repeated one, so the link may belong to another contact; it was not used. Run this item again.';

function toLink(entry: unknown, position: number, sent: number): Deeplink {
	const link = entry as Partial<Deeplink> | null;
	if (!link || typeof link.url !== 'string' || link.url === '') {
		throw new Error(`OpenDialog's link ${position + 1} of ${sent} has no URL`);
	}
	return { user_id: String(link.user_id ?? ''), url: link.url };
}

/**
 * Matches the answer's `{ user_id, url }` entries to the rows sent, by position. A shorter or
 * longer answer cannot be matched safely, so it is an error for the whole batch. Where a row
 * sent a user id, the answer must name the same one; once one row does not, the order is
 * broken, so rows without a user id in that batch cannot be trusted either.
 */
export function matchLinks(sent: DatasetRow[], response: unknown): MatchedLink[] {
	if (!Array.isArray(response)) {
		throw new Error('OpenDialog answered without the expected list of links');
	}
	if (response.length !== sent.length) {
		throw new Error(
			`OpenDialog returned ${response.length} links for ${sent.length} users; they cannot be matched to items safely`,
		);
	}
	const links = response.map((entry: unknown, position) => toLink(entry, position, sent.length));
	const misplaced = (position: number) =>
		sent[position].user_id !== undefined && links[position].user_id !== sent[position].user_id;
	const orderBroken = links.some((_, position) => misplaced(position));
	return links.map((link, position) => {
		const userId = sent[position].user_id;
		if (misplaced(position)) {
			return {
				mismatch: `OpenDialog returned the link of user '${link.user_id}' for this item, which sent user '${userId}'`,
			};
		}
		if (orderBroken && userId === undefined) {
			return {
				mismatch:
					"OpenDialog answered this item's request out of order, and the item sent no User ID to check its link against",
			};
		}
		return { link };
	});
}

export interface RowRejections {
	/** Position in the batch → OpenDialog's messages for that row. */
	byPosition: Map<number, string[]>;
	/** Messages about the request as a whole (scenario, dataset size). */
	general: string[];
}

/** Splits a 422's `errors` into rows (`dataset.<i>.<field>`) and the rest. */
export function rowRejections(
	fieldErrors: Record<string, string[]>,
	batchLength: number,
): RowRejections {
	const byPosition = new Map<number, string[]>();
	const general: string[] = [];
	for (const [field, messages] of Object.entries(fieldErrors)) {
		const match = /^dataset\.(\d+)(?:\.(.+))?$/.exec(field);
		const position = match ? Number(match[1]) : -1;
		if (position >= 0 && position < batchLength) {
			const detail = messages.map((message) => `${match![2] ?? 'row'}: ${message}`);
			byPosition.set(position, [...(byPosition.get(position) ?? []), ...detail]);
		} else {
			general.push(...messages);
		}
	}
	return { byPosition, general };
}
