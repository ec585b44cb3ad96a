/**
 * What a Sync must change so that a topic holds exactly the incoming documents: documents are
 * matched to sources by name; each is added, updated or left unchanged, and sources no
 * document names are removed (unless kept). Pure.
 */
import { sourceName } from '../../shared/public-api/knowledge/answers';
import type {
	SourceDraft,
	SourceOperation,
	TopicSource,
} from '../../shared/public-api/knowledge/types';
import type { SourceInput } from '../actions/source-fields';
import { hashInFileName } from './fingerprint';

export interface SyncDocument extends SourceInput {
	/** For a file: the hash of its content (see fingerprint.ts). */
	contentHash?: string;
}

export type DocumentAction = 'added' | 'updated' | 'unchanged';

export interface PlannedDocument {
	document: SyncDocument;
	action: DocumentAction;
	/** The matching source's id; unknown for an added document until the topic is read again. */
	sourceId?: string;
}

export interface SyncPlan {
	documents: PlannedDocument[];
	removals: TopicSource[];
}

/** "a, b" / ["a","b"] / null → "a,b": however OpenDialog stores the list, the same list compares equal. */
export function normaliseList(value: unknown): string {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return parts
		.map((part) => part.trim())
		.filter((part) => part !== '')
		.join(',');
}

/**
 * Whether the source already holds the document. Text: the text itself. URL: the address and
 * its reading settings (OpenDialog fetches the page; its content is not compared). File: the
 * content hash in the stored file name, and whether tags are stripped.
 */
export function isUnchanged(source: TopicSource, document: SyncDocument): boolean {
	if (source.type !== document.type) return false;
	const stored = source.configuration ?? {};
	const stripTags = stored.should_strip_tags === true;
	if (document.type === 'text') return stored.source === document.source;
	if (document.type === 'url') {
		return (
			stored.source === document.source &&
			normaliseList(stored.exclusion_classes) === normaliseList(document.exclusionClasses) &&
			normaliseList(stored.exclusion_ids) === normaliseList(document.exclusionIds) &&
			stripTags === document.stripTags
		);
	}
	return (
		document.contentHash !== undefined &&
		hashInFileName(stored.source) === document.contentHash &&
		stripTags === document.stripTags
	);
}

export function planSync(
	documents: SyncDocument[],
	existing: TopicSource[],
	keepUnlisted: boolean,
): SyncPlan {
	// The first source of each name is the document's; further ones of that name are extras.
	const byName = new Map<string, TopicSource>();
	const extras: TopicSource[] = [];
	for (const source of existing) {
		const name = sourceName(source);
		if (byName.has(name)) extras.push(source);
		else byName.set(name, source);
	}
	const matched = new Set<string>();
	const planned = documents.map((document): PlannedDocument => {
		const source = byName.get(document.name);
		if (!source) return { document, action: 'added' };
		matched.add(source.id);
		const action = isUnchanged(source, document) ? 'unchanged' : 'updated';
		return { document, action, sourceId: source.id };
	});
	const unlisted = [...byName.values()].filter((source) => !matched.has(source.id));
	return {
		documents: planned,
		removals: keepUnlisted ? [] : [...unlisted, ...extras],
	};
}

/** One change to send, and the document (or removed source) it is for. */
export interface PlannedOperation {
	operation: SourceOperation;
	name: string;
	/** The input item of the document; undefined for a removal. */
	itemIndex?: number;
}

/** The PATCH operations of a plan: removals first, then updates, then additions. */
export function planOperations(
	plan: SyncPlan,
	draftOf: (document: SyncDocument) => SourceDraft,
): PlannedOperation[] {
	const operations: PlannedOperation[] = plan.removals.map((source) => ({
		operation: { operation: 'remove', id: source.id },
		name: sourceName(source),
	}));
	for (const action of ['updated', 'added'] as const) {
		for (const { document, sourceId, action: planned } of plan.documents) {
			if (planned !== action) continue;
			operations.push({
				operation:
					action === 'updated'
						? { operation: 'update', id: sourceId!, ...draftOf(document) }
						: { operation: 'add', ...draftOf(document) },
				name: document.name,
				itemIndex: document.itemIndex,
			});
		}
	}
	return operations;
}

/** Roughly how many bytes an operation adds to a request body; a file counts its data URI. */
function operationSize({ operation }: PlannedOperation): number {
	const file = 'file' in operation ? operation.file : undefined;
	if (!file) return JSON.stringify(operation).length;
	return file.file.length + JSON.stringify({ ...operation, file: { ...file, file: '' } }).length;
}

/**
 * Splits operations into requests of at most `maxBytes` each (an operation larger than that
 * goes alone), so a sync of many files never builds one enormous body.
 */
export function batchOperations(
	operations: PlannedOperation[],
	maxBytes: number,
): PlannedOperation[][] {
	const batches: PlannedOperation[][] = [];
	let current: PlannedOperation[] = [];
	let size = 0;
	for (const operation of operations) {
		const bytes = operationSize(operation);
		if (current.length > 0 && size + bytes > maxBytes) {
			batches.push(current);
			current = [];
			size = 0;
		}
		current.push(operation);
		size += bytes;
	}
	if (current.length > 0) batches.push(current);
	return batches;
}
