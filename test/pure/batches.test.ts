import type { DatasetRow } from '../../nodes/shared/public-api/deeplinks';
import {
	matchLinks,
	planBatches,
	rowRejections,
	type PreparedRow,
} from '../../nodes/OpenDialogGenerateWebchatDeeplinks/batches';
import { describeItemRanges } from '../../nodes/shared/errors/item-errors';

const rows = (count: number, scenario = { scenario_id: 's1' }, offset = 0): PreparedRow[] =>
	Array.from({ length: count }, (_, index) => ({
		itemIndex: index + offset,
		scenario,
		row: { attributes: { n: index + offset } },
	}));

describe('planBatches', () => {
	test('cuts N rows into ceil(N / size) batches in input order', () => {
		const batches = planBatches(rows(250), 100);
		expect(batches.map((batch) => batch.rows.length)).toEqual([100, 100, 50]);
		expect(batches.flatMap((batch) => batch.rows.map((row) => row.itemIndex))).toEqual(
			rows(250).map((r) => r.itemIndex),
		);
	});

	test('never mixes scenarios in one request', () => {
		const mixed = [
			...rows(3, { scenario_id: 'a' }),
			...rows(2, { scenario_alias: 'b' } as never, 3),
			...rows(2, { scenario_id: 'a' }, 5),
		];
		const batches = planBatches(mixed, 100);
		expect(
			batches.map((batch) => [batch.scenario, batch.rows.map((row) => row.itemIndex)]),
		).toEqual([
			[{ scenario_id: 'a' }, [0, 1, 2, 5, 6]],
			[{ scenario_alias: 'b' }, [3, 4]],
		]);
	});

	test('gives no batch for no rows', () => {
		expect(planBatches([], 100)).toEqual([]);
	});
});

describe('matchLinks', () => {
	const rows = (...ids: Array<string | undefined>): DatasetRow[] =>
		ids.map((id) => ({ ...(id === undefined ? {} : { user_id: id }), attributes: { a: 1 } }));

	test('returns the links in order', () => {
		expect(
			matchLinks(rows('a', undefined), [
				{ user_id: 'a', url: 'u1' },
				{ user_id: 'generated', url: 'u2' },
			]),
		).toEqual([
			{ link: { user_id: 'a', url: 'u1' } },
			{ link: { user_id: 'generated', url: 'u2' } },
		]);
	});

	test('refuses an answer whose length differs from the rows sent', () => {
		expect(() => matchLinks(rows('a', 'b', 'c'), [{ user_id: 'a', url: 'u1' }])).toThrow(
			'OpenDialog returned 1 links for 3 users; they cannot be matched to items safely',
		);
	});

	test('refuses answers that are not a list of links', () => {
		expect(() => matchLinks(rows('a'), { data: [] })).toThrow('expected list of links');
		expect(() => matchLinks(rows('a'), [{ user_id: 'a' }])).toThrow('link 1 of 1 has no URL');
	});

	test('never hands a row the link of another user id, when rows come back reordered', () => {
		const matched = matchLinks(rows('a', 'b', 'c'), [
			{ user_id: 'c', url: 'u3' },
			{ user_id: 'b', url: 'u2' },
			{ user_id: 'a', url: 'u1' },
		]);
		expect(matched).toEqual([
			{ mismatch: "OpenDialog returned the link of user 'c' for this item, which sent user 'a'" },
			{ link: { user_id: 'b', url: 'u2' } },
			{ mismatch: "OpenDialog returned the link of user 'a' for this item, which sent user 'c'" },
		]);
	});

	test('a repeated row fails only the row it displaced', () => {
		const matched = matchLinks(rows('a', 'b'), [
			{ user_id: 'a', url: 'u1' },
			{ user_id: 'a', url: 'u1' },
		]);
		expect(matched.map((match) => 'link' in match)).toEqual([true, false]);
	});

	test('once the order is broken, rows without a user id cannot be trusted either', () => {
		const matched = matchLinks(rows('a', undefined), [
			{ user_id: 'generated', url: 'u2' },
			{ user_id: 'a', url: 'u1' },
		]);
		expect(matched[1]).toEqual({ mismatch: expect.stringContaining('sent no User ID') });
	});
});

describe('rowRejections', () => {
	test('maps dataset.<i>.<field> errors to batch positions and keeps the rest general', () => {
		const result = rowRejections(
			{
				'dataset.3.attributes': ['The dataset.3.attributes field is required.'],
				'dataset.3.user_id': ['must be a string'],
				'dataset.0': ['bad row'],
				scenario_id: ['The selected scenario does not exist.'],
				'dataset.99.user_id': ['outside the batch'],
			},
			10,
		);
		expect([...result.byPosition]).toEqual([
			[3, ['attributes: The dataset.3.attributes field is required.', 'user_id: must be a string']],
			[0, ['row: bad row']],
		]);
		expect(result.general).toEqual(['The selected scenario does not exist.', 'outside the batch']);
	});
});

test('describeItemRanges keeps long item lists short', () => {
	expect(describeItemRanges([5, 0, 1, 2, 7, 8, 9])).toBe('0–2, 5, 7–9');
	expect(describeItemRanges([4])).toBe('4');
});
