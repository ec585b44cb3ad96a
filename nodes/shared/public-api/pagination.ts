/**
 * Page-numbered pagination, written once for both data exports. Pure: the caller supplies
 * the request for one page, already turned into output records, so a page's raw body is
 * dropped as soon as it is read.
 */

export interface Page<T> {
	records: T[];
	currentPage: number;
	lastPage: number;
}

export interface PaginationOptions<T> {
	/** Stop once this many records are collected; undefined for all of them. */
	limit?: number;
	/**
	 * A record's identity. Offset pages shift when the workspace gains data mid-export, which
	 * repeats a record at the next page's start: records seen before are skipped.
	 */
	keyOf?: (record: T) => string | undefined;
	/** A bound on requests, so a server whose last page keeps moving cannot loop forever. */
	maxPages?: number;
	/** The first page to fetch, 1 unless an export that stopped is resumed. */
	startPage?: number;
}

const DEFAULT_MAX_PAGES = 10_000;

/** The page size to ask for: no larger than the limit, so a small limit costs one small page. */
export function pageSizeFor(limit: number | undefined, preferred: number): number {
	return limit !== undefined && limit > 0 ? Math.min(limit, preferred) : preferred;
}

/**
 * Whether an answer's page numbers can be followed. Laravel says a last page of 1 for an empty
 * result; 0 is read the same way rather than refused.
 */
export function hasPageNumbers(currentPage: unknown, lastPage: unknown): boolean {
	const isWhole = (value: unknown): value is number =>
		typeof value === 'number' && Number.isInteger(value);
	return isWhole(currentPage) && currentPage >= 1 && isWhole(lastPage) && lastPage >= 0;
}

class PaginationError extends Error {}

/**
 * A page failed after earlier ones were read: keeps the records read so far and the failed
 * page, so the export can be resumed from it. `cause` is the page's own error.
 */
export class PageFailedError<T> extends Error {
	constructor(
		readonly page: number,
		readonly firstPage: number,
		readonly records: T[],
		readonly cause: unknown,
	) {
		super(`Page ${page} failed after ${records.length} records were read`);
	}
}

/**
 * Fetches pages in order from the start page (one request at a time, for the rate limit) to
 * the last. A page that fails after others were read throws PageFailedError.
 */
export async function collectPages<T>(
	fetchPage: (page: number) => Promise<Page<T>>,
	options: PaginationOptions<T> = {},
): Promise<T[]> {
	const { limit, keyOf, maxPages = DEFAULT_MAX_PAGES, startPage = 1 } = options;
	const records: T[] = [];
	const seen = new Set<string>();
	for (let page = startPage; limit === undefined || records.length < limit; page++) {
		if (page - startPage >= maxPages) {
			throw new PaginationError(
				`OpenDialog still had more pages after ${maxPages} requests; the export was stopped`,
			);
		}
		const outcome = await fetchPage(page).then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
		if ('error' in outcome) {
			if (page === startPage) throw outcome.error;
			throw new PageFailedError(page, startPage, records, outcome.error);
		}
		const { answer } = outcome;
		if (answer.currentPage !== page) {
			// Following such a server would fetch the same page forever.
			throw new PaginationError(
				`OpenDialog answered page ${answer.currentPage} when asked for page ${page}`,
			);
		}
		for (const record of answer.records) {
			const key = keyOf?.(record);
			if (key !== undefined) {
				if (seen.has(key)) continue;
				seen.add(key);
			}
			records.push(record);
			if (limit !== undefined && records.length >= limit) break;
		}
		if (page >= answer.lastPage || answer.records.length === 0) break;
	}
	return records;
}
