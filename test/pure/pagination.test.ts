import {
	collectPages,
	PageFailedError,
	pageSizeFor,
	type Page,
} from '../../nodes/shared/public-api/pagination';

/** A paginated source of `total` numbered records, logging the pages asked for. */
function source(total: number, perPage: number) {
	const asked: number[] = [];
	const lastPage = Math.max(Math.ceil(total / perPage), 1);
	const fetchPage = async (page: number): Promise<Page<number>> => {
		asked.push(page);
		const start = (page - 1) * perPage;
		const records = Array.from(
			{ length: Math.max(Math.min(perPage, total - start), 0) },
			(_, i) => start + i,
		);
		return { records, currentPage: page, lastPage };
	};
	return { asked, fetchPage };
}

describe('collectPages', () => {
	test('follows every page to the last, in order, and keeps record order', async () => {
		const { asked, fetchPage } = source(7, 3);
		expect(await collectPages(fetchPage)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(asked).toEqual([1, 2, 3]);
	});

	test('an empty export is one request and no records', async () => {
		const { asked, fetchPage } = source(0, 3);
		expect(await collectPages(fetchPage)).toEqual([]);
		expect(asked).toEqual([1]);
	});

	test('stops asking once the limit is reached', async () => {
		const { asked, fetchPage } = source(100, 3);
		expect(await collectPages(fetchPage, { limit: 4 })).toEqual([0, 1, 2, 3]);
		expect(asked).toEqual([1, 2]);
	});

	test('skips a record a shifted page repeats', async () => {
		const pages: Record<number, Page<string>> = {
			1: { records: ['a', 'b'], currentPage: 1, lastPage: 2 },
			2: { records: ['b', 'c'], currentPage: 2, lastPage: 2 },
		};
		const records = await collectPages(async (page) => pages[page], { keyOf: (r) => r });
		expect(records).toEqual(['a', 'b', 'c']);
	});

	test('refuses a server that answers another page than the one asked for', async () => {
		const stuck = async (): Promise<Page<number>> => ({
			records: [1],
			currentPage: 1,
			lastPage: 5,
		});
		await expect(collectPages(stuck)).rejects.toThrow(
			'OpenDialog answered page 1 when asked for page 2',
		);
	});

	test('stops after maxPages when the last page keeps moving away', async () => {
		let calls = 0;
		const endless = async (page: number): Promise<Page<number>> => {
			calls++;
			return { records: [page], currentPage: page, lastPage: page + 1 };
		};
		await expect(collectPages(endless, { maxPages: 5 })).rejects.toThrow(
			'OpenDialog still had more pages after 5 requests',
		);
		expect(calls).toBe(5);
	});

	test('starts at the start page and counts the limit from there', async () => {
		const { asked, fetchPage } = source(10, 3);
		expect(await collectPages(fetchPage, { startPage: 2 })).toEqual([3, 4, 5, 6, 7, 8, 9]);
		expect(asked).toEqual([2, 3, 4]);
		expect(await collectPages(fetchPage, { startPage: 3, limit: 2 })).toEqual([6, 7]);
	});

	test('a page that fails after others keeps the records read and names the page', async () => {
		const { fetchPage } = source(10, 3);
		const cause = new Error('socket hang up');
		const failing = async (page: number) => {
			if (page === 4) throw cause;
			return await fetchPage(page);
		};
		const error = await collectPages(failing, { startPage: 2 }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(PageFailedError);
		expect(error).toMatchObject({ page: 4, firstPage: 2, records: [3, 4, 5, 6, 7, 8], cause });
	});

	test('the first page failing is its own error: nothing was read', async () => {
		const cause = new Error('403');
		await expect(
			collectPages(async () => {
				throw cause;
			}),
		).rejects.toBe(cause);
	});

	test('stops at an empty page even if the last page says otherwise', async () => {
		const { asked, fetchPage } = source(2, 2);
		const lying = async (page: number) => ({ ...(await fetchPage(page)), lastPage: 9 });
		expect(await collectPages(lying)).toEqual([0, 1]);
		expect(asked).toEqual([1, 2]);
	});
});

describe('pageSizeFor', () => {
	test('asks for no more than the limit, and the preferred size otherwise', () => {
		expect(pageSizeFor(5, 100)).toBe(5);
		expect(pageSizeFor(500, 100)).toBe(100);
		expect(pageSizeFor(undefined, 100)).toBe(100);
	});
});
