import type { INodeExecutionData } from 'n8n-workflow';

import { OpenDialogGenerateWebchatDeeplinks } from '../../nodes/OpenDialogGenerateWebchatDeeplinks/OpenDialogGenerateWebchatDeeplinks.node';
import { FIELD_READS, fieldShapeContacts } from '../helpers/contacts';
import { useLocalOpenDialog } from '../helpers/local-server';
import { runNode } from '../helpers/run-node';

const od = useLocalOpenDialog({ maxDatasetRows: 1000 });

/** Plain field reads, and the same reads in a form only n8n's evaluation answers. */
const READS = { email: '$json.email', ...FIELD_READS, deepMissing: '$json.missing.city' };

const slow = (read: string) => `={{ (${read}) }}`;
const fast = (read: string) => `={{ ${read} }}`;

function generate(form: (read: string) => string, items: INodeExecutionData[]) {
	return runNode({
		node: new OpenDialogGenerateWebchatDeeplinks(),
		parameters: {
			scenarioBy: 'id',
			scenarioId: 'scn-welcome',
			userId: form(READS.email),
			attributesMode: 'defineBelow',
			attributes: {
				attribute: Object.entries(READS).map(([name, read]) => ({ name, value: form(read) })),
			},
			options: { batchSize: 1000 },
		},
		credentials: od.credentials(),
		items,
		continueOnFail: true,
	});
}

const sentDatasets = () =>
	od.server
		.apiRequests('deeplinks')
		.flatMap((request) => (request.body as { dataset: unknown[] }).dataset);

test('plain $json field reads send exactly what n8n evaluating them sends, item by item', async () => {
	const items = fieldShapeContacts(40);
	const evaluated = await generate(slow, items);
	const evaluatedRows = sentDatasets();
	od.server.reset({ maxDatasetRows: 1000 });
	const read = await generate(fast, items);
	expect(sentDatasets()).toEqual(evaluatedRows);
	expect(read.items.map((item) => item.json.error)).toEqual(
		evaluated.items.map((item) => item.json.error),
	);
	// The fixture does reach every shape: lists, numbers, missing and null fields.
	expect(evaluatedRows[1]).toEqual({
		user_id: 'c1@example.com',
		attributes: expect.objectContaining({ plan: 'gold', tags: ['a', 1], tag1: 1, city: 'City 1' }),
	});
	expect(evaluatedRows[0]).toEqual({
		user_id: 'c0@example.com',
		attributes: {
			email: 'c0@example.com',
			score: 0,
			vip: true,
			tags: ['a', 0],
			tag1: 0,
			empty: '',
		},
	});
});

test('an object read whole is refused with the same message either way', async () => {
	const items = [{ json: { address: { city: 'Leeds' } } }];
	const run = (form: (read: string) => string) =>
		runNode({
			node: new OpenDialogGenerateWebchatDeeplinks(),
			parameters: {
				scenarioId: 'scn-welcome',
				attributesMode: 'json',
				attributesJson: form('$json'),
			},
			credentials: od.credentials(),
			items,
		});
	const [evaluated, read] = [await run(slow), await run(fast)];
	expect(read.error?.message).toBe(evaluated.error?.message);
	expect(read.error?.message).toMatch(/^Attribute 'address' is an object/);
});

test.each([
	['a line break', '\n'],
	['a carriage return', '\r'],
	['a line separator (U+2028)', '\u2028'],
	['a paragraph separator (U+2029)', '\u2029'],
])(
	'a quoted key holding %s, a syntax error to n8n, fails the item as n8n evaluating it does',
	async (_case, character) => {
		const key = `a${character}b`;
		const run = (form: (read: string) => string) =>
			runNode({
				node: new OpenDialogGenerateWebchatDeeplinks(),
				parameters: {
					scenarioId: 'scn-welcome',
					attributesMode: 'defineBelow',
					attributes: { attribute: [{ name: 'odd', value: form(`$json["${key}"]`) }] },
				},
				credentials: od.credentials(),
				items: [{ json: { [key]: 'x' } }],
			});
		const [evaluated, read] = [await run(slow), await run(fast)];
		expect(evaluated.error).toBeDefined();
		expect(read.error?.message).toBe(evaluated.error?.message);
		expect(od.server.apiRequests('deeplinks')).toHaveLength(0);
	},
);

test('at 1,000 contacts three plain reads cost a fraction of n8n evaluating them', async () => {
	const items = Array.from({ length: 1000 }, (_, n) => ({
		json: { email: `c${n}@example.com`, first_name: `Contact ${n}`, plan: 'gold' },
	}));
	const run = (form: (read: string) => string) =>
		runNode({
			node: new OpenDialogGenerateWebchatDeeplinks(),
			parameters: {
				scenarioId: 'scn-welcome',
				userId: form('$json.email'),
				attributesMode: 'defineBelow',
				attributes: {
					attribute: [
						{ name: 'first_name', value: form('$json.first_name') },
						{ name: 'plan', value: form('$json["plan"]') },
					],
				},
				options: { batchSize: 100 },
			},
			credentials: od.credentials(),
			items,
		});
	const evaluated = await run(slow);
	const read = await run(fast);
	expect(read.items).toHaveLength(1000);
	// Logged for the record; the bound is loose so a busy machine does not fail it.
	console.log(
		`1,000 contacts × 3 reads: evaluated ${evaluated.executionTime} ms, read ${read.executionTime} ms`,
	);
	expect(read.executionTime).toBeLessThan(evaluated.executionTime / 2);
}, 60_000);
