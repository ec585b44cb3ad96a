import { buildNewService } from '../../nodes/OpenDialogKnowledge/actions/knowledgeService/create';
import {
	contentHash,
	fileNameWithHash,
	hashInFileName,
} from '../../nodes/OpenDialogKnowledge/sync/fingerprint';
import {
	batchOperations,
	isUnchanged,
	normaliseList,
	planOperations,
	planSync,
	type SyncDocument,
} from '../../nodes/OpenDialogKnowledge/sync/plan';
import { summariseVectorisation } from '../../nodes/OpenDialogKnowledge/vectorisation';
import { readPage } from '../../nodes/shared/public-api/knowledge/answers';
import { bareMimeType, sourceFile, toDataUri } from '../../nodes/shared/public-api/knowledge/files';
import { readName, toSlug } from '../../nodes/shared/public-api/knowledge/names';
import type { TopicSource } from '../../nodes/shared/public-api/knowledge/types';

function textDocument(name: string, text: string, itemIndex = 0): SyncDocument {
	return {
		itemIndex,
		name,
		type: 'text',
		source: text,
		exclusionClasses: '',
		exclusionIds: '',
		stripTags: false,
	};
}

function source(id: string, type: string, configuration: Record<string, unknown>): TopicSource {
	return { id, type, configuration };
}

describe('names', () => {
	test('a valid name passes as it is', () => {
		expect(readName('help_centre-2', 'Name', 'refuse')).toBe('help_centre-2');
	});

	test('a name with spaces is refused with the name, the rule and a suggestion', () => {
		expect(() => readName('Help Centre', 'Topic Name', 'refuse')).toThrow(
			'\'Topic Name\' "Help Centre" is not a valid OpenDialog name',
		);
		try {
			readName('Help Centre', 'Topic Name', 'refuse');
		} catch (error) {
			expect((error as { description: string }).description).toMatch(
				/\^\[\\w-\]\+\$.*"Help_Centre"/,
			);
		}
	});

	test('Make Valid turns accents, spaces and punctuation into a slug', () => {
		expect(toSlug('Retours & Échanges (FR)')).toBe('Retours_Echanges_FR');
		expect(readName('  Help Centre ', 'Name', 'slugify')).toBe('Help_Centre');
	});

	test('a name with nothing valid in it is refused even with Make Valid', () => {
		expect(() => readName('¿?', 'Name', 'slugify')).toThrow(/not a valid OpenDialog name/);
		expect(() => readName('', 'Name', 'slugify')).toThrow("'Name' is empty");
	});
});

describe('files', () => {
	test('a file becomes a base64 data URI with its bare MIME type', () => {
		const content = Buffer.from([0, 1, 254, 255]);
		expect(toDataUri(content, 'text/plain; charset=utf-8')).toBe('data:text/plain;base64,AAH+/w==');
		expect(sourceFile(content, 'a.bin', '')).toEqual({
			file: 'data:application/octet-stream;base64,AAH+/w==',
			file_name: 'a.bin',
			type: 'application/octet-stream',
		});
		expect(bareMimeType(undefined)).toBe('application/octet-stream');
	});

	test('the content hash goes into the file name before the extension, and is read back', () => {
		const hash = contentHash(Buffer.from('v1'));
		expect(hash).toMatch(/^[0-9a-f]{16}$/);
		const named = fileNameWithHash('policy.pdf', hash);
		expect(named).toBe(`policy.sha256-${hash}.pdf`);
		expect(hashInFileName(named)).toBe(hash);
		expect(fileNameWithHash('README', hash)).toBe(`README.sha256-${hash}`);
		expect(hashInFileName(`README.sha256-${hash}`)).toBe(hash);
	});

	test('a name that already carries a hash gets the new one, not two', () => {
		const renamed = fileNameWithHash('policy.sha256-0123456789abcdef.pdf', 'fedcba9876543210');
		expect(renamed).toBe('policy.sha256-fedcba9876543210.pdf');
		expect(hashInFileName('policy.pdf')).toBeUndefined();
	});
});

describe('deciding what changed', () => {
	test('text: the text itself', () => {
		const stored = source('s1', 'text', { name: 'a', source: 'Hello' });
		expect(isUnchanged(stored, textDocument('a', 'Hello'))).toBe(true);
		expect(isUnchanged(stored, textDocument('a', 'Hello!'))).toBe(false);
	});

	test('URL: the address and its reading settings, however OpenDialog stores the lists', () => {
		const stored = source('s1', 'url', {
			name: 'page',
			source: 'https://example.com/a',
			exclusion_classes: ['nav', 'footer'],
			exclusion_ids: null,
			should_strip_tags: true,
		});
		const document: SyncDocument = {
			...textDocument('page', 'https://example.com/a'),
			type: 'url',
			exclusionClasses: 'nav, footer',
			stripTags: true,
		};
		expect(isUnchanged(stored, document)).toBe(true);
		expect(isUnchanged(stored, { ...document, stripTags: false })).toBe(false);
		expect(isUnchanged(stored, { ...document, exclusionClasses: 'nav' })).toBe(false);
		expect(normaliseList(' a ,, b ')).toBe('a,b');
	});

	test('file: the content hash in the stored file name; a file without one counts as changed', () => {
		const hash = contentHash(Buffer.from('v1'));
		const document: SyncDocument = {
			...textDocument('policy', 'policy.pdf'),
			type: 'file',
			contentHash: hash,
		};
		const synced = source('s1', 'file', {
			name: 'policy',
			source: `policy.sha256-${hash}.pdf`,
			should_strip_tags: false,
		});
		expect(isUnchanged(synced, document)).toBe(true);
		expect(isUnchanged(synced, { ...document, contentHash: contentHash(Buffer.from('v2')) })).toBe(
			false,
		);
		expect(
			isUnchanged(source('s1', 'file', { name: 'policy', source: 'policy.pdf' }), document),
		).toBe(false);
	});

	test('a change of type is a change', () => {
		const stored = source('s1', 'url', { name: 'a', source: 'Hello' });
		expect(isUnchanged(stored, textDocument('a', 'Hello'))).toBe(false);
	});
});

describe('planning a sync', () => {
	const existing = [
		source('s1', 'text', { name: 'same', source: 'A' }),
		source('s2', 'text', { name: 'changed', source: 'old' }),
		source('s3', 'text', { name: 'gone', source: 'C' }),
		source('s4', 'text', { name: 'same', source: 'A' }),
	];
	const documents = [
		textDocument('same', 'A', 0),
		textDocument('changed', 'new', 1),
		textDocument('fresh', 'D', 2),
	];

	test('documents are matched by name: unchanged, updated, added; unlisted and extra same-name sources removed', () => {
		const plan = planSync(documents, existing, false);
		expect(plan.documents.map(({ action, sourceId }) => [action, sourceId])).toEqual([
			['unchanged', 's1'],
			['updated', 's2'],
			['added', undefined],
		]);
		expect(plan.removals.map((removed) => removed.id)).toEqual(['s3', 's4']);
	});

	test('keeping unlisted sources removes nothing', () => {
		expect(planSync(documents, existing, true).removals).toEqual([]);
	});

	test('operations go removals first, then updates, then additions, each naming its item', () => {
		const operations = planOperations(planSync(documents, existing, false), (document) => ({
			type: 'text',
			configuration: { name: document.name, source: document.source },
		}));
		expect(operations.map(({ operation, itemIndex }) => [operation.operation, itemIndex])).toEqual([
			['remove', undefined],
			['remove', undefined],
			['update', 1],
			['add', 2],
		]);
		expect(operations[2].operation).toEqual({
			operation: 'update',
			id: 's2',
			type: 'text',
			configuration: { name: 'changed', source: 'new' },
		});
	});

	test('an unchanged input plans no operation', () => {
		const plan = planSync([textDocument('same', 'A')], [existing[0]], false);
		expect(planOperations(plan, () => ({ type: 'text', configuration: { name: '' } }))).toEqual([]);
	});

	test('batches stay under the byte limit; an operation larger than it goes alone', () => {
		const file = (size: number) => ({
			operation: {
				operation: 'add' as const,
				type: 'file' as const,
				configuration: { name: 'f' },
				file: { file: 'x'.repeat(size), file_name: 'f', type: 'text/plain' },
			},
			name: 'f',
		});
		const batches = batchOperations([file(300), file(300), file(5000), file(10)], 1000);
		expect(batches.map((batch) => batch.length)).toEqual([2, 1, 1]);
	});
});

describe('answers', () => {
	test('the last page comes from the total, since the meta has no last_page', () => {
		const body = {
			data: [{ id: 1, name: 'a' }],
			meta: { current_page: 2, per_page: 100, total: 250 },
		};
		expect(readPage(body, 2, 'topics')).toEqual({
			records: [{ id: '1', name: 'a' }],
			currentPage: 2,
			lastPage: 3,
		});
	});

	test('an answer without meta is the whole list on one page', () => {
		expect(readPage({ data: [] }, 1, 'sources')).toEqual({
			records: [],
			currentPage: 1,
			lastPage: 1,
		});
	});

	test('an answer without a data list says what was expected', () => {
		expect(() => readPage({ message: 'hi' }, 1, 'topics')).toThrow(
			/without the list of topics expected in "data"/,
		);
	});
});

describe('vectorisation', () => {
	const withStatus = (name: string, status: string) =>
		source(name, 'text', { name, vectorisation_status: status });

	test('waiting while any source is pending or in progress; obsolete ones are not waited for', () => {
		expect(
			summariseVectorisation([withStatus('a', 'completed'), withStatus('b', 'in_progress')]).status,
		).toBe('waiting');
		expect(
			summariseVectorisation([withStatus('a', 'completed'), withStatus('b', 'obsolete')]),
		).toEqual({ status: 'completed', completed: ['a'], failed: [], waiting: [] });
	});

	test('failed sources are listed by name', () => {
		expect(
			summariseVectorisation([withStatus('a', 'completed'), withStatus('b', 'failed')]),
		).toEqual({ status: 'failed', completed: ['a'], failed: ['b'], waiting: [] });
	});
});

describe('a new knowledge service', () => {
	test('an API key is needed, and sent, only when the model is not managed by OpenDialog', () => {
		expect(() => buildNewService('ks', 'default', { managed: false })).toThrow(
			"'API Key' is needed when 'Managed by OpenDialog' is off",
		);
		const service = buildNewService('ks', 'default', { managed: false, apiKey: 'sk-1' });
		expect(service.configuration.language_model_configuration).toMatchObject({
			managed: false,
			api_key: 'sk-1',
		});
	});

	test('chunk overlap outside 0–100 is refused', () => {
		expect(() => buildNewService('ks', 'default', { chunkOverlap: 101 })).toThrow(
			"'Chunk Overlap' must be a whole number, 0–100; got 101",
		);
	});
});
