/** Topic → Sync Documents and vectorise-and-wait, run in n8n's engine against the local server. */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	byId,
	fileItem,
	runKnowledge,
	seedService,
	syncParameters,
	writes,
} from '../helpers/knowledge';
import { useLocalOpenDialog } from '../helpers/local-server';
import type { RunNodeOptions } from '../helpers/run-node';

const od = useLocalOpenDialog();

function textDocuments(count: number, textOf = (i: number) => `Answer ${i}`) {
	return Array.from({ length: count }, (_, i) => ({
		json: { title: `doc_${String(i).padStart(2, '0')}`, body: textOf(i) },
	}));
}

function sync(
	serviceId: string,
	items: INodeExecutionData[],
	parameters: INodeParameters = {},
	extra: Partial<RunNodeOptions> = {},
) {
	return runKnowledge(
		od.credentials(),
		{ ...syncParameters(serviceId), ...parameters },
		{ items, ...extra },
	);
}

function topicSources(serviceId: string) {
	const [topic] = od.server.knowledge.topicsOf(serviceId);
	return od.server.knowledge.sourcesOf(topic.id);
}

test('creates the missing topic with all documents in one call, then a second run sends no write', async () => {
	const service = seedService(od.server);
	const first = await sync(service.id, textDocuments(50), { options: { vectorisation: 'none' } });
	expect(first.error).toBeUndefined();
	expect(first.items).toHaveLength(50);
	expect(first.items[7]).toEqual({
		json: {
			action: 'added',
			name: 'doc_07',
			type: 'text',
			sourceId: expect.any(String),
			topicId: expect.any(String),
			topicName: 'help_centre',
			knowledgeServiceId: service.id,
		},
		pairedItem: { item: 7 },
	});
	expect(writes(od.server).map((request) => `${request.method} ${request.status}`)).toEqual([
		'POST 204',
	]);
	expect(topicSources(service.id)).toHaveLength(50);

	od.server.requests.length = 0;
	const second = await sync(service.id, textDocuments(50));
	expect(second.items.every((item) => item.json.action === 'unchanged')).toBe(true);
	expect(writes(od.server)).toEqual([]);
});

test('one changed, one removed, one new document: exactly one update, one remove and one add in one PATCH', async () => {
	const service = seedService(od.server);
	await sync(service.id, textDocuments(50), { options: { vectorisation: 'none' } });
	const removedId = topicSources(service.id).find((s) => s.configuration.name === 'doc_03')!.id;
	const changed = textDocuments(50, (i) => (i === 10 ? 'A new answer' : `Answer ${i}`)).filter(
		(item) => item.json.title !== 'doc_03',
	);
	changed.push({ json: { title: 'doc_new', body: 'Brand new' } });

	od.server.requests.length = 0;
	const { items } = await sync(service.id, changed);
	const patches = writes(od.server).filter((request) => request.method === 'PATCH');
	expect(patches).toHaveLength(1);
	const operations = (patches[0].body as { sources: Array<{ operation: string; id?: string }> })
		.sources;
	expect(operations.map((operation) => operation.operation)).toEqual(['remove', 'update', 'add']);
	expect(operations[0].id).toBe(removedId);
	// Default vectorisation: started once, since something changed.
	expect(writes(od.server).map((request) => request.method)).toEqual(['PATCH', 'POST']);

	const actions = items.map((item) => [item.json.name, item.json.action]);
	expect(actions.filter(([, action]) => action !== 'unchanged')).toEqual([
		['doc_10', 'updated'],
		['doc_new', 'added'],
		['doc_03', 'removed'],
	]);
	const removed = items.find((item) => item.json.action === 'removed')!;
	expect(removed.json.sourceId).toBe(removedId);
	expect(removed.pairedItem).toHaveLength(50);
	expect(items.find((item) => item.json.name === 'doc_new')!.pairedItem).toEqual({ item: 49 });
});

test('Keep Sources Not in Input leaves unlisted sources alone', async () => {
	const service = seedService(od.server);
	await sync(service.id, textDocuments(3));
	od.server.requests.length = 0;
	const { items } = await sync(service.id, textDocuments(2), { options: { keepUnlisted: true } });
	expect(items.map((item) => item.json.action)).toEqual(['unchanged', 'unchanged']);
	expect(writes(od.server)).toEqual([]);
});

test('a file is not uploaded again while its content is unchanged, and is when it changes', async () => {
	const service = seedService(od.server);
	const fileSync = (content: string) =>
		sync(service.id, [fileItem(Buffer.from(content), 'policy.txt', 'text/plain')], {
			sourceType: 'file',
			sourceName: 'returns_policy',
			options: { vectorisation: 'none' },
		});
	await fileSync('Returns within 30 days.');
	const [stored] = topicSources(service.id);
	expect(stored.configuration.source).toMatch(/^policy\.sha256-[0-9a-f]{16}\.txt$/);

	od.server.requests.length = 0;
	const same = await fileSync('Returns within 30 days.');
	expect(same.items[0].json.action).toBe('unchanged');
	expect(writes(od.server)).toEqual([]);

	const changed = await fileSync('Returns within 60 days.');
	expect(changed.items[0].json.action).toBe('updated');
	expect(topicSources(service.id)[0].file!.bytes.toString()).toBe('Returns within 60 days.');
});

test('bad input stops the node before any request; with Continue On Fail the rest syncs but nothing is removed', async () => {
	const service = seedService(od.server);
	await sync(service.id, textDocuments(3));
	const input = [...textDocuments(2), { json: { title: '', body: 'no name' } }];

	od.server.requests.length = 0;
	const stopped = await sync(service.id, input);
	expect(stopped.error?.message).toBe("'Name' is empty [item 2]");
	expect(od.server.requests).toHaveLength(0);

	const continued = await sync(service.id, input, {}, { continueOnFail: true });
	expect(continued.items.map((item) => item.json.action ?? item.json.error)).toEqual([
		'unchanged',
		'unchanged',
		"'Name' is empty [item 2]",
	]);
	expect(topicSources(service.id)).toHaveLength(3);
});

test('a duplicate document name and an invalid topic name are refused with the rule', async () => {
	const service = seedService(od.server);
	const duplicate = await sync(service.id, [...textDocuments(2), ...textDocuments(1)]);
	expect(duplicate.error?.message).toBe(
		'Document name "doc_00" is already used by item 0 [item 2]',
	);
	const badTopic = await sync(service.id, textDocuments(1), { topicName: 'help centre' });
	expect(badTopic.error?.message).toBe(
		'\'Topic Name\' "help centre" is not a valid OpenDialog name [item 0]',
	);
	expect(od.server.requests).toHaveLength(0);
});

test('a 422 on the PATCH names the document and its item; nothing was applied', async () => {
	const service = seedService(od.server);
	await sync(service.id, textDocuments(2));
	od.server.injectFaults({
		path: 'language-processor-topics/',
		// The read of the topic goes through; its PATCH is refused.
		skip: 1,
		status: 422,
		body: JSON.stringify({
			message: 'The sources.0.configuration.source must not be greater than 10 characters.',
			errors: {
				'sources.0.configuration.source': ['The source must not be greater than 10 characters.'],
			},
		}),
	});
	const { items } = await sync(
		service.id,
		textDocuments(2, (i) => `A much longer answer ${i}`),
		{},
		{ continueOnFail: true },
	);
	expect(items[0].json).toEqual({
		error:
			'OpenDialog refused the sync: document of item 0 "doc_00", configuration.source: The source must not be greater than 10 characters. [item 0]',
		description: expect.stringMatching(/^Nothing of this change was applied/),
		httpCode: '422',
	});
	expect(items[1].json.error).toMatch(/document of item 0 "doc_00".*\[item 1\]$/);
});

test('vectorise and wait: the document whose source failed becomes an error item, named; the rest completed', async () => {
	od.server.knowledge.config = { pendingMs: 50, inProgressMs: 50, failingSourceNames: ['doc_01'] };
	const service = seedService(od.server);
	const { items } = await sync(
		service.id,
		textDocuments(3),
		{ options: { vectorisation: 'wait', pollInterval: 0.05, waitTimeout: 10 } },
		{ continueOnFail: true },
	);
	expect(items).toEqual([
		expect.objectContaining({ json: expect.objectContaining({ vectorisation: 'completed' }) }),
		{
			json: {
				error: 'Vectorisation failed for 1 source(s) of topic "help_centre": "doc_01" [item 1]',
				description: expect.stringMatching(/fix them, and vectorise again/),
			},
			pairedItem: { item: 1 },
		},
		expect.objectContaining({ pairedItem: { item: 2 } }),
	]);
});

test('Topic → Vectorise with wait fails the item naming the failed source; the wait is bounded', async () => {
	od.server.knowledge.config = { pendingMs: 50, inProgressMs: 50, failingSourceNames: ['bad'] };
	const service = seedService(od.server);
	const topic = od.server.knowledge.addTopic(service.id, 'faq', '');
	od.server.knowledge.addSource(topic.id, 'text', { name: 'good', source: 'G' });
	od.server.knowledge.addSource(topic.id, 'url', { name: 'bad', source: 'https://x.test/' });
	const vectorise = (options: INodeParameters) =>
		runKnowledge(od.credentials(), {
			resource: 'topic',
			operation: 'vectorise',
			knowledgeService: byId(service.id),
			topic: byId(topic.id),
			waitForVectorisation: true,
			options,
		});
	const failed = await vectorise({ pollInterval: 0.05 });
	expect(failed.error?.message).toBe(
		'Vectorisation failed for 1 source(s) of topic "faq": "bad" [item 0]',
	);

	od.server.knowledge.config = { pendingMs: 60_000, inProgressMs: 0, failingSourceNames: [] };
	const started = Date.now();
	const timedOut = await vectorise({ pollInterval: 0.1, waitTimeout: 0.5 });
	expect(timedOut.error?.message).toMatch(
		/^Vectorisation of topic "faq" was not finished after 0\.5 s: 2 source\(s\) still pending or in progress \("good", "bad"\)/,
	);
	expect(Date.now() - started).toBeLessThan(5000);
});
