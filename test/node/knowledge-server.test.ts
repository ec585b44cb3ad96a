/** The test server's Knowledge Service APIs answer as OpenDialog documents them. */
import { useLocalOpenDialog } from '../helpers/local-server';

const od = useLocalOpenDialog();
const API = '/public/api';

interface Source {
	id: string;
	configuration: { name: string; source: string; vectorisation_status: string };
}
/** `data` is a list or one record, as each test expects: one loose type serves both. */
interface Data extends Array<Data> {
	id: string;
	name: string;
	configuration: Source['configuration'];
	sources: Source[];
}
interface Answer {
	message?: string;
	errors?: Record<string, string[]>;
	meta?: unknown;
	data: Data;
}

async function call(method: string, path: string, body?: unknown, token = od.server.config.token) {
	const response = await fetch(`${od.server.url}${API}/${path}`, {
		method,
		headers: {
			Accept: 'application/json',
			Authorization: `Bearer ${token}`,
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		text,
		body: (text === '' ? undefined : JSON.parse(text)) as Answer,
	};
}

const SERVICE = {
	name: 'help_centre',
	configuration: { language_model_configuration_name: 'default', chunk_size: 500 },
};

async function createService() {
	return (await call('POST', 'knowledge-service', SERVICE)).body.data.id as string;
}

async function createTopic(serviceId: string, name: string) {
	const answer = await call('POST', `language-processor/${serviceId}/language-processor-topic`, {
		name,
		description: '',
	});
	return answer.body.data.id as string;
}

describe('test server: knowledge services', () => {
	test('lists every service in one unpaginated answer, counts them, and deletes with 204', async () => {
		const id = await createService();
		await call('POST', 'knowledge-service', { ...SERVICE, name: 'policies' });
		const list = await call('GET', 'knowledge-service');
		expect(list.body).toEqual({ data: [expect.any(Object), expect.any(Object)] });
		expect(list.body.data[0]).toMatchObject({
			id,
			name: 'help_centre',
			component_id: 'language_processor.core.knowledge_service',
			scenario_id: '',
			configuration: { chunk_size: 500, type: 'knowledge_service' },
		});
		expect((await call('GET', 'knowledge-service-count')).body).toEqual({
			data: { items_count: 2 },
		});
		const deleted = await call('DELETE', `knowledge-service/${id}`);
		expect(deleted).toMatchObject({ status: 204, text: '' });
		expect((await call('GET', `knowledge-service/${id}`)).body).toEqual({
			message: 'Resource not found.',
		});
	});

	test('refuses a name with spaces and a missing model configuration name with Laravel 422s', async () => {
		const answer = await call('POST', 'knowledge-service', {
			name: 'help centre',
			configuration: {},
		});
		expect(answer.status).toBe(422);
		expect(answer.body.errors).toEqual({
			name: ['The name format is invalid.'],
			'configuration.language_model_configuration_name': [
				'The configuration.language model configuration name field is required.',
			],
		});
	});

	test('answers 401 without the token', async () => {
		const answer = await call('GET', 'knowledge-service', undefined, 'wrong');
		expect(answer).toMatchObject({ status: 401, body: { message: 'Unauthenticated.' } });
	});
});

describe('test server: topics', () => {
	test('pages topics with current_page, per_page and total but no last_page; search and order', async () => {
		const serviceId = await createService();
		for (const name of ['alpha', 'bravo', 'charlie', 'delta', 'echo']) {
			await createTopic(serviceId, name);
		}
		const path = `language-processor/${serviceId}/language-processor-topic`;
		const second = await call('GET', `${path}?per_page=2&page=2&order_by=name&order_dir=asc`);
		expect(second.body.meta).toEqual({ current_page: 2, per_page: 2, total: 5 });
		expect(second.body.data.map((topic: { name: string }) => topic.name)).toEqual([
			'charlie',
			'delta',
		]);
		const newestFirst = await call('GET', path);
		expect(newestFirst.body.data[0].name).toBe('echo');
		const found = await call('GET', `${path}?search=RAV`);
		expect(found.body.data.map((topic: { name: string }) => topic.name)).toEqual(['bravo']);
		const bad = await call('GET', `${path}?order_by=colour`);
		expect(bad.body.errors).toEqual({ order_by: ['The selected order by is invalid.'] });
	});

	test('a topic of another service, or an unknown one, is not found', async () => {
		const serviceId = await createService();
		const topicId = await createTopic(serviceId, 'faq');
		const other = (await call('POST', 'knowledge-service', { ...SERVICE, name: 'other' })).body.data
			.id;
		const answer = await call(
			'GET',
			`language-processor/${other}/language-processor-topic/${topicId}`,
		);
		expect(answer).toMatchObject({ status: 404, body: { message: 'Resource not found.' } });
	});

	test('creates a topic with its sources in one call (204) and changes many sources in one PATCH', async () => {
		const serviceId = await createService();
		const unified = `language-processor/${serviceId}/language-processor-topics`;
		const created = await call('POST', unified, {
			name: 'faq',
			description: 'Questions',
			sources: [
				{ type: 'text', configuration: { name: 'a', source: 'Alpha' } },
				{ type: 'url', configuration: { name: 'b', source: 'https://example.com/b' } },
			],
		});
		expect(created.status).toBe(204);
		const [topic] = od.server.knowledge.topicsOf(serviceId);
		const read = await call('GET', `${unified}/${topic.id}`);
		expect(read.body.data).toMatchObject({ name: 'faq', status: 'pending' });
		const [a, b] = read.body.data.sources;
		expect(a.configuration).toMatchObject({
			name: 'a',
			source: 'Alpha',
			vectorisation_status: 'pending',
		});

		const patched = await call('PATCH', `${unified}/${topic.id}`, {
			sources: [
				{ operation: 'update', id: a.id, type: 'text', configuration: { name: 'a', source: 'A2' } },
				{ operation: 'remove', id: b.id },
				{
					operation: 'add',
					type: 'file',
					configuration: { name: 'c' },
					file: { file: 'data:text/plain;base64,aGk=', file_name: 'c.txt', type: 'text/plain' },
				},
			],
		});
		expect(patched.status).toBe(204);
		const after = (await call('GET', `${unified}/${topic.id}`)).body.data.sources;
		expect(
			after.map((source: Source) => [source.configuration.name, source.configuration.source]),
		).toEqual([
			['a', 'A2'],
			['c', 'c.txt'],
		]);
		const file = od.server.knowledge.sourcesOf(topic.id)[1].file!;
		expect(file.bytes.toString()).toBe('hi');
	});

	test('a PATCH with one bad operation changes nothing and names the operation', async () => {
		const serviceId = await createService();
		const topicId = await createTopic(serviceId, 'faq');
		const path = `language-processor/${serviceId}/language-processor-topics/${topicId}`;
		const answer = await call('PATCH', path, {
			sources: [
				{ operation: 'add', type: 'text', configuration: { name: 'ok', source: 'fine' } },
				{ operation: 'remove', id: 'no-such-source' },
				{ operation: 'add', type: 'url', configuration: { name: 'u', source: 'not a url' } },
			],
		});
		expect(answer.status).toBe(422);
		expect(answer.body.errors).toEqual({
			'sources.1.id': ['The selected sources.1.id is invalid.'],
			'sources.2.configuration.source': ['The sources.2.configuration.source must be a valid URL.'],
		});
		expect(od.server.knowledge.sourcesOf(topicId)).toHaveLength(0);
	});

	test('vectorisation moves each source pending → in_progress → completed or failed over time', async () => {
		od.server.knowledge.config = { pendingMs: 200, inProgressMs: 400, failingSourceNames: ['bad'] };
		const serviceId = await createService();
		const topicId = await createTopic(serviceId, 'faq');
		const sources = `language-processor/${serviceId}/language-processor-topic/${topicId}/language-processor-topic-source`;
		await call('POST', sources, { type: 'text', configuration: { name: 'good', source: 'G' } });
		await call('POST', sources, { type: 'text', configuration: { name: 'bad', source: 'B' } });
		const vectorise = await call(
			'POST',
			`language-processor/${serviceId}/language-processor-topic/${topicId}/vectorise`,
		);
		expect(vectorise.body).toEqual({ message: 'Topic vectorization initiated' });
		// Each source's statuses as seen by reading the list until both are done.
		const seen: string[][] = [[], []];
		for (let done = false; !done; await new Promise((resolve) => setTimeout(resolve, 20))) {
			const listed = (await call('GET', sources)).body.data as unknown as Source[];
			listed.forEach((source, index) => {
				const status = source.configuration.vectorisation_status;
				if (seen[index].at(-1) !== status) seen[index].push(status);
			});
			done = seen.every((statuses) => ['completed', 'failed'].includes(statuses.at(-1)!));
		}
		expect(seen).toEqual([
			['pending', 'in_progress', 'completed'],
			['pending', 'in_progress', 'failed'],
		]);
	});
});
