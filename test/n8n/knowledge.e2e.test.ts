import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeParameters } from 'n8n-workflow';

import { exampleWorkflow } from '../helpers/examples';
import { CREDENTIALS, useRealN8n } from '../helpers/n8n-fixture';
import { nodeItems } from '../helpers/real-n8n';
import { credentialRef, workflowWithBranches, type WorkflowNode } from '../helpers/workflows';
import { byId, seedService, syncParameters, writes } from '../helpers/knowledge';

jest.setTimeout(600_000);

const fixture = useRealN8n();
const KNOWLEDGE = 'n8n-nodes-opendialog.openDialogKnowledge';

function knowledge(name: string, parameters: Record<string, unknown>): WorkflowNode {
	return {
		name,
		type: KNOWLEDGE,
		parameters,
		credentials: credentialRef(CREDENTIALS.public),
		onError: 'continueRegularOutput',
	};
}

function code(name: string, jsCode: string): WorkflowNode {
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode } };
}

/** `count` documents named doc_00…; `changes` replaces or drops (null) some texts by name. */
function documentsCode(count: number, changes: Record<string, string | null> = {}) {
	return `const changes = ${JSON.stringify(changes)};
const items = [];
for (let i = 0; i < ${count}; i++) {
	const title = 'doc_' + String(i).padStart(2, '0');
	if (changes[title] === null) continue;
	items.push({ json: { title, body: changes[title] ?? 'Answer ' + i } });
}
for (const [title, body] of Object.entries(changes)) {
	if (body !== null && !items.some((item) => item.json.title === title)) items.push({ json: { title, body } });
}
return items;`;
}

function syncNode(name: string, serviceId: string, options: Record<string, unknown> = {}) {
	return knowledge(name, syncParameters(serviceId, options as INodeParameters));
}

beforeEach(() => fixture.server.reset());

test('real n8n: Get Many across topic pages, and a file made by Convert to File arrives byte-exact', async () => {
	const service = seedService(fixture.server);
	for (let i = 0; i < 230; i++) {
		fixture.server.knowledge.addTopic(service.id, `topic_${String(i).padStart(3, '0')}`, '');
	}
	const manuals = fixture.server.knowledge.addTopic(service.id, 'manuals', '');
	const bytes = Buffer.from([
		0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0xfe, 0x0a, 0x0d, 0x80, 0x7f,
	]);
	await fixture.n8n.importWorkflow(
		workflowWithBranches('odKnowledgePagesAndFile', [
			[
				knowledge('All Topics', {
					resource: 'topic',
					operation: 'getAll',
					knowledgeService: byId(service.id),
					returnAll: true,
				}),
			],
			[
				code('Content', `return [{ json: { content: '${bytes.toString('base64')}' } }];`),
				{
					name: 'Convert to File',
					type: 'n8n-nodes-base.convertToFile',
					typeVersion: 1.1,
					parameters: {
						operation: 'toBinary',
						sourceProperty: 'content',
						options: { fileName: 'manual.pdf', mimeType: 'application/pdf' },
					},
				},
				knowledge('Upload', {
					resource: 'topicSource',
					operation: 'create',
					knowledgeService: byId(service.id),
					topic: byId(manuals.id),
					sourceType: 'file',
				}),
			],
		]),
	);
	const result = await fixture.n8n.execute('odKnowledgePagesAndFile');
	const topics = nodeItems(result.run, 'All Topics');
	expect(topics).toHaveLength(231);
	const topicPages = fixture.server.requests.filter((request) =>
		request.path.endsWith('/language-processor-topic'),
	);
	expect(topicPages.map((request) => request.query.page)).toEqual(['1', '2', '3']);

	const [uploaded] = nodeItems(result.run, 'Upload');
	expect(uploaded.json).toMatchObject({
		type: 'file',
		configuration: { name: 'manual.pdf', source: 'manual.pdf' },
	});
	const [stored] = fixture.server.knowledge.sourcesOf(manuals.id);
	expect(stored.file!.bytes.equals(bytes)).toBe(true);
	expect(stored.file!.mimeType).toBe('application/pdf');
});

test('real n8n: Sync 50 documents twice (no write the second time), then one changed, one removed, one new', async () => {
	const service = seedService(fixture.server);
	const [same, changed] = ['odKnowledgeSync50', 'odKnowledgeSyncChanged'];
	await fixture.n8n.importWorkflow(
		workflowWithBranches(same, [
			[code('Documents', documentsCode(50)), syncNode('Sync', service.id)],
		]),
	);
	await fixture.n8n.importWorkflow(
		workflowWithBranches(changed, [
			[
				code(
					'Documents',
					documentsCode(50, { doc_10: 'A new answer', doc_03: null, doc_new: 'Brand new' }),
				),
				syncNode('Sync', service.id),
			],
		]),
	);

	const first = await fixture.n8n.execute(same);
	const added = nodeItems(first.run, 'Sync');
	expect(added).toHaveLength(50);
	expect(added.every((item) => item.json.action === 'added')).toBe(true);
	expect(added[49].pairedItem).toEqual({ item: 49 });

	fixture.server.requests.length = 0;
	const second = await fixture.n8n.execute(same);
	expect(nodeItems(second.run, 'Sync').map((item) => item.json.action)).toEqual(
		Array(50).fill('unchanged'),
	);
	expect(writes(fixture.server)).toEqual([]);

	fixture.server.requests.length = 0;
	const third = await fixture.n8n.execute(changed);
	const patches = writes(fixture.server).filter((request) => request.method === 'PATCH');
	expect(patches).toHaveLength(1);
	const operations = (patches[0].body as { sources: Array<{ operation: string }> }).sources;
	expect(operations.map((operation) => operation.operation)).toEqual(['remove', 'update', 'add']);
	const changes = nodeItems(third.run, 'Sync')
		.filter((item) => item.json.action !== 'unchanged')
		.map((item) => [item.json.name, item.json.action]);
	expect(changes).toEqual([
		['doc_10', 'updated'],
		['doc_new', 'added'],
		['doc_03', 'removed'],
	]);
});

test('real n8n: Sync with vectorise-and-wait reports the one failed source as an error item, by name', async () => {
	fixture.server.knowledge.config = {
		pendingMs: 200,
		inProgressMs: 200,
		failingSourceNames: ['doc_01'],
	};
	const service = seedService(fixture.server);
	await fixture.n8n.importWorkflow(
		workflowWithBranches('odKnowledgeWait', [
			[
				code('Documents', documentsCode(3)),
				syncNode('Sync', service.id, { vectorisation: 'wait', pollInterval: 0.2, waitTimeout: 60 }),
			],
		]),
	);
	const result = await fixture.n8n.execute('odKnowledgeWait');
	const items = nodeItems(result.run, 'Sync');
	expect(items.map((item) => item.json.vectorisation ?? item.json.error)).toEqual([
		'completed',
		'Vectorisation failed for 1 source(s) of topic "help_centre": "doc_01" [item 1]',
		'completed',
	]);
	expect(items[1].pairedItem).toEqual({ item: 1 });
});

/** A small RSS feed served locally, standing in for the public feed the example reads. */
async function serveFeed(entries: () => Array<{ title: string; body: string }>) {
	const server = createServer((_req, res) => {
		const items = entries()
			.map(
				(entry, i) =>
					`<item><title>${entry.title}</title><link>https://example.com/releases/${i}</link><description>${entry.body}</description></item>`,
			)
			.join('');
		res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
		res.end(
			`<?xml version="1.0"?><rss version="2.0"><channel><title>Releases</title><link>https://example.com</link><description>Releases</description>${items}</channel></rss>`,
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml` };
}

test('the RSS-to-knowledge example keeps the topic in step with the feed', async () => {
	const service = seedService(fixture.server);
	const entries = [
		{ title: 'Release 1.0', body: 'First release' },
		{ title: 'Release 1.1', body: 'Faster answers' },
		{ title: 'Release 1.2', body: 'Knowledge sync' },
	];
	const feed = await serveFeed(() => entries);
	try {
		const workflow = exampleWorkflow('rss-feed-to-knowledge-topic.workflow.json') as {
			id: string;
			nodes: Array<{ name: string; parameters: Record<string, unknown> }>;
		};
		const nodeNamed = (name: string) => workflow.nodes.find((node) => node.name === name)!;
		// The user's own settings: their feed and their knowledge service.
		nodeNamed('Read Release Notes').parameters.url = feed.url;
		nodeNamed('Sync Release Notes Topic').parameters.knowledgeService = byId(service.id);
		await fixture.n8n.importWorkflow(workflow);

		const first = await fixture.n8n.execute('odExampleKnowledgeSync');
		expect(first.run?.data.resultData.error).toBeUndefined();
		const added = nodeItems(first.run, 'Sync Release Notes Topic');
		expect(added.map((item) => [item.json.name, item.json.action])).toEqual([
			['Release 1.0', 'added'],
			['Release 1.1', 'added'],
			['Release 1.2', 'added'],
		]);
		const [topic] = fixture.server.knowledge.topicsOf(service.id);
		expect(topic.name).toBe('release_notes');
		const [firstSource] = fixture.server.knowledge.sourcesOf(topic.id);
		expect(firstSource.configuration.source).toBe(
			'Release 1.0\n\nFirst release\n\nMore: https://example.com/releases/0',
		);

		entries[1].body = 'Faster answers, fewer clicks';
		fixture.server.requests.length = 0;
		const second = await fixture.n8n.execute('odExampleKnowledgeSync');
		expect(
			nodeItems(second.run, 'Sync Release Notes Topic').map((item) => item.json.action),
		).toEqual(['unchanged', 'updated', 'unchanged']);
		expect(writes(fixture.server).map((request) => request.method)).toEqual(['PATCH', 'POST']);
	} finally {
		feed.server.close();
	}
});
