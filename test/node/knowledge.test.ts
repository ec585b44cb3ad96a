/** The Knowledge node's services, topics and sources, run in n8n's engine against the local server. */
import type { INodeParameters } from 'n8n-workflow';

import { OpenDialogKnowledge } from '../../nodes/OpenDialogKnowledge/OpenDialogKnowledge.node';
import {
	byId,
	fileItem,
	knowledgeRequests,
	runKnowledge,
	seedService,
	writes,
} from '../helpers/knowledge';
import { useLocalOpenDialog } from '../helpers/local-server';
import { loadOptionsContext, type RunNodeOptions } from '../helpers/run-node';

const od = useLocalOpenDialog();

function run(parameters: INodeParameters, extra: Partial<RunNodeOptions> = {}) {
	return runKnowledge(od.credentials(), parameters, extra);
}

describe('Knowledge Service', () => {
	test('Create sends the name and working defaults for chunking and embedding', async () => {
		const { items, error } = await run({
			resource: 'knowledgeService',
			operation: 'create',
			name: 'help_centre',
			languageModelConfigurationName: 'default',
			additionalFields: { topK: 8 },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ name: 'help_centre', scenario_count: 0 });
		expect(writes(od.server)[0].body).toEqual({
			name: 'help_centre',
			configuration: {
				description: '',
				type: 'knowledge_service',
				chunk_size: 1000,
				chunk_overlap: 20,
				top_k: 8,
				language_model_component_id: 'language_model.core.open_ai',
				language_model_configuration_name: 'default',
				language_model_configuration: {
					managed: true,
					tasks: { embedding: { model: 'text-embedding-3-small' } },
				},
			},
		});
	});

	test("the model's API key never appears in an error, even when OpenDialog echoes it", async () => {
		const apiKey = 'sk-model-key-5f1e2d3c4b5a';
		od.server.injectFaults({
			path: 'knowledge-service',
			status: 422,
			body: JSON.stringify({
				message: `The key ${apiKey} is not valid.`,
				errors: {
					'configuration.language_model_configuration.api_key': [`${apiKey} is not valid.`],
				},
			}),
		});
		const { error } = await run({
			resource: 'knowledgeService',
			operation: 'create',
			name: 'help_centre',
			languageModelConfigurationName: 'default',
			additionalFields: { managed: false, apiKey },
		});
		expect(error?.message).toMatch(/configuration\.language_model_configuration\.api_key/);
		expect(
			JSON.stringify({ ...error, message: error?.message, stack: error?.stack }),
		).not.toContain(apiKey);
	});

	test('Get Many applies the limit to the unpaginated list; Get and Delete address one service', async () => {
		for (const name of ['a', 'b', 'c']) seedService(od.server, name);
		const many = await run({ resource: 'knowledgeService', operation: 'getAll', limit: 2 });
		expect(many.items.map((item) => item.json.name)).toEqual(['a', 'b']);
		const id = String(many.items[1].json.id);
		const one = await run({
			resource: 'knowledgeService',
			operation: 'get',
			knowledgeService: byId(id),
		});
		expect(one.items[0].json).toMatchObject({ id, name: 'b' });
		const deleted = await run({
			resource: 'knowledgeService',
			operation: 'delete',
			knowledgeService: byId(id),
		});
		expect(deleted.items).toEqual([{ json: { id, deleted: true }, pairedItem: { item: 0 } }]);
		expect(od.server.knowledge.services.has(id)).toBe(false);
	});

	test('a 404 names the service that was not found; with Continue On Fail the error item keeps description and code', async () => {
		const { items } = await run(
			{ resource: 'knowledgeService', operation: 'get', knowledgeService: byId('ks-missing') },
			{ continueOnFail: true, items: [{ json: {} }, { json: {} }] },
		);
		expect(items).toHaveLength(2);
		expect(items[1]).toEqual({
			json: {
				error: 'Knowledge service "ks-missing" was not found in OpenDialog (404) [item 1]',
				description: expect.stringMatching(/pick it 'From list'/),
				httpCode: '404',
			},
			pairedItem: { item: 1 },
		});
	});
});

describe('Topic', () => {
	test('a name with spaces is refused before any request, showing the name and the rule', async () => {
		const service = seedService(od.server);
		const { error } = await run({
			resource: 'topic',
			operation: 'create',
			knowledgeService: byId(service.id),
			name: 'Returns Policy',
		});
		expect(error?.message).toBe(
			'\'Name\' "Returns Policy" is not a valid OpenDialog name [item 0]',
		);
		expect(error?.description).toMatch(/\^\[\\w-\]\+\$.*Use e\.g\. "Returns_Policy"/);
		expect(knowledgeRequests(od.server)).toHaveLength(0);
	});

	test("with 'Make Valid' the name becomes a slug", async () => {
		const service = seedService(od.server);
		const { items } = await run({
			resource: 'topic',
			operation: 'create',
			knowledgeService: byId(service.id),
			name: 'Retours & Échanges',
			options: { invalidNames: 'slugify' },
		});
		expect(items[0].json).toMatchObject({ name: 'Retours_Echanges' });
	});

	test('Get Many follows pages by the total (the meta has no last_page) up to the limit', async () => {
		const service = seedService(od.server);
		for (let i = 0; i < 230; i++) {
			od.server.knowledge.addTopic(service.id, `topic_${String(i).padStart(3, '0')}`, '');
		}
		const all = await run({
			resource: 'topic',
			operation: 'getAll',
			knowledgeService: byId(service.id),
			returnAll: true,
			filters: { orderBy: 'name', orderDir: 'asc' },
		});
		expect(all.items).toHaveLength(230);
		expect(all.items[229].json.name).toBe('topic_229');
		const pages = knowledgeRequests(od.server).map((request) => request.query.page);
		expect(pages).toEqual(['1', '2', '3']);

		od.server.requests.length = 0;
		const some = await run({
			resource: 'topic',
			operation: 'getAll',
			knowledgeService: byId(service.id),
			limit: 5,
			filters: { search: 'topic_01' },
		});
		expect(some.items).toHaveLength(5);
		expect(knowledgeRequests(od.server)[0].query).toMatchObject({
			per_page: '5',
			search: 'topic_01',
		});
	});

	test('Update sends the new fields and outputs the topic read back; Get includes its sources', async () => {
		const service = seedService(od.server);
		const topic = od.server.knowledge.addTopic(service.id, 'faq', 'old');
		od.server.knowledge.addSource(topic.id, 'text', { name: 'hours', source: 'Open 9–5' });
		const updated = await run({
			resource: 'topic',
			operation: 'update',
			knowledgeService: byId(service.id),
			topic: byId(topic.id),
			updateFields: { description: 'Frequently asked' },
		});
		expect(updated.items[0].json).toMatchObject({ name: 'faq', description: 'Frequently asked' });
		const read = await run({
			resource: 'topic',
			operation: 'get',
			knowledgeService: byId(service.id),
			topic: byId(topic.id),
		});
		expect(read.items[0].json).toMatchObject({
			status: 'pending',
			sources: [{ type: 'text', configuration: { name: 'hours', source: 'Open 9–5' } }],
		});
	});
});

describe('Topic Source', () => {
	test('a file from binary data goes up as a base64 data URI with the binary name and MIME type, byte-exact', async () => {
		const service = seedService(od.server);
		const topic = od.server.knowledge.addTopic(service.id, 'manuals', '');
		const content = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10, 0x80]);
		const { items, error } = await run(
			{
				resource: 'topicSource',
				operation: 'create',
				knowledgeService: byId(service.id),
				topic: byId(topic.id),
				sourceType: 'file',
				sourceOptions: { stripTags: true },
			},
			{ items: [fileItem(content, 'manual.pdf', 'application/pdf')] },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			type: 'file',
			configuration: { name: 'manual.pdf', source: 'manual.pdf', should_strip_tags: true },
		});
		const sent = writes(od.server)[0].body as { file: Record<string, string> };
		expect(sent.file).toEqual({
			file: `data:application/pdf;base64,${content.toString('base64')}`,
			file_name: 'manual.pdf',
			type: 'application/pdf',
		});
		const [stored] = od.server.knowledge.sourcesOf(topic.id);
		expect(stored.file!.bytes.equals(content)).toBe(true);
	});

	test('an empty file and a file over the size limit are item errors, not uploads', async () => {
		const service = seedService(od.server);
		const topic = od.server.knowledge.addTopic(service.id, 'manuals', '');
		const { items } = await run(
			{
				resource: 'topicSource',
				operation: 'create',
				knowledgeService: byId(service.id),
				topic: byId(topic.id),
				sourceType: 'file',
				options: { maxFileSizeMb: 0.001 },
			},
			{
				continueOnFail: true,
				items: [
					fileItem(Buffer.alloc(0), 'empty.txt', 'text/plain'),
					fileItem(Buffer.alloc(2000, 1), 'big.bin', 'application/octet-stream'),
				],
			},
		);
		expect(items.map((item) => item.json.error)).toEqual([
			"The file in binary field 'data' (empty.txt) is empty [item 0]",
			"The file in binary field 'data' (big.bin) is 2,000 bytes, over the limit of 1,048 bytes [item 1]",
		]);
		expect(writes(od.server)).toHaveLength(0);
	});

	test('text and URL sources; Get Many, Get and Delete', async () => {
		const service = seedService(od.server);
		const topic = od.server.knowledge.addTopic(service.id, 'faq', '');
		const common = {
			resource: 'topicSource',
			knowledgeService: byId(service.id),
			topic: byId(topic.id),
		};
		await run({
			...common,
			operation: 'create',
			sourceType: 'text',
			sourceName: 'hours',
			text: 'Open 9–5',
		});
		const url = await run({
			...common,
			operation: 'create',
			sourceType: 'url',
			sourceName: 'returns',
			url: 'https://example.com/returns',
			sourceOptions: { exclusionClasses: 'nav, footer', exclusionIds: 'cookie-banner' },
		});
		expect(url.items[0].json).toMatchObject({
			type: 'url',
			configuration: {
				source: 'https://example.com/returns',
				exclusion_classes: 'nav, footer',
				exclusion_ids: 'cookie-banner',
				should_strip_tags: false,
			},
		});
		const many = await run({ ...common, operation: 'getAll', returnAll: true });
		expect(many.items.map((item) => item.json.type)).toEqual(['text', 'url']);
		const id = String(many.items[0].json.id);
		const one = await run({ ...common, operation: 'get', sourceId: id });
		expect(one.items[0].json).toMatchObject({ id, configuration: { name: 'hours' } });
		await run({ ...common, operation: 'delete', sourceId: id });
		expect(od.server.knowledge.sourcesOf(topic.id)).toHaveLength(1);
	});

	test('a write is not repeated after a 500, but is after a 503 (refused before any work)', async () => {
		const service = seedService(od.server);
		const topic = od.server.knowledge.addTopic(service.id, 'faq', '');
		const create = {
			resource: 'topicSource',
			operation: 'create',
			knowledgeService: byId(service.id),
			topic: byId(topic.id),
			sourceType: 'text',
			sourceName: 'hours',
			text: 'Open',
		};
		od.server.injectFaults({ path: 'language-processor-topic-source', status: 500 });
		const failed = await run(create);
		expect(failed.error?.message).toMatch(/server error \(500\)/);
		expect(failed.error?.description).toMatch(/not retried/);
		expect(writes(od.server)).toHaveLength(1);

		od.server.requests.length = 0;
		od.server.injectFaults({ path: 'language-processor-topic-source', status: 503, retryAfter: 0 });
		const retried = await run(create);
		expect(retried.error).toBeUndefined();
		expect(writes(od.server).map((request) => request.status)).toEqual([503, 201]);
	});
});

describe('From list', () => {
	function listContext(parameters: INodeParameters) {
		return loadOptionsContext({
			node: new OpenDialogKnowledge(),
			parameters,
			credentials: od.credentials(),
		});
	}

	test('services are searched by name; topics of the chosen service by name, in name order', async () => {
		const service = seedService(od.server, 'help_centre');
		seedService(od.server, 'policies');
		for (const name of ['returns', 'delivery', 'refunds', 'faq']) {
			od.server.knowledge.addTopic(service.id, name, '');
		}
		const node = new OpenDialogKnowledge();
		const { searchKnowledgeServices, searchTopics } = node.methods.listSearch;
		const services = await searchKnowledgeServices.call(listContext({}), 'HELP');
		expect(services.results).toEqual([{ name: 'help_centre', value: service.id }]);

		const context = listContext({ knowledgeService: byId(service.id) });
		const topics = await searchTopics.call(context, 'r');
		expect(topics.results.map((topic) => topic.name)).toEqual(['delivery', 'refunds', 'returns']);
		const [listed] = knowledgeRequests(od.server).filter((request) =>
			request.path.endsWith('/language-processor-topic'),
		);
		expect(listed.query).toMatchObject({ search: 'r', order_by: 'name', order_dir: 'asc' });
	});
});
