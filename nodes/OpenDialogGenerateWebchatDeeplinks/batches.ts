import type { DatasetRow, Deeplink } from '../shared/api/types';

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

/**
 * Checks the answer has one `{ user_id, url }` per row sent, in order: a shorter or longer
 * answer cannot be matched to rows safely, so it is an error for the whole batch.
 */
export function matchLinks(sent: number, response: unknown): Deeplink[] {
	if (!Array.isArray(response)) {
		throw new Error('OpenDialog answered without the expected list of links');
	}
	if (response.length !== sent) {
		throw new Error(
			`OpenDialog returned ${response.length} links for ${sent} users; they cannot be matched to items safely`,
		);
	}
	return response.map((entry: unknown, position) => {
		const link = entry as Partial<Deeplink> | null;
		if (!link || typeof link.url !== 'string' || link.url === '') {
			throw new Error(`OpenDialog's link ${position + 1} of ${sent} has no URL`);
		}
		return { user_id: String(link.user_id ?? ''), url: link.url };
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
