/** Knowledge API answers → records. Pure: plain data in, plain data out. */
import type { Page } from '../pagination';
import type { KnowledgeService, Topic, TopicSource } from './types';

const SHAPE_HINT = "check the credential's Base URL: it should be your OpenDialog workspace";

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasId(value: unknown): boolean {
	return isObject(value) && (typeof value.id === 'string' || typeof value.id === 'number');
}

/** Ids may come as numbers from some installs; the node always handles them as strings. */
function withStringId<T extends { id: string }>(record: Record<string, unknown>): T {
	return { ...record, id: String(record.id) } as T;
}

/** `{"data": {…}}` with an `id`: one service, topic or source. */
export function readRecord<T extends { id: string }>(body: unknown, what: string): T {
	const data = isObject(body) ? body.data : undefined;
	if (!hasId(data)) {
		throw new Error(`OpenDialog answered without the ${what} expected in "data"; ${SHAPE_HINT}`);
	}
	return withStringId<T>(data as Record<string, unknown>);
}

/** `{"data": […]}`: a list of services, topics or sources. */
export function readList<T extends { id: string }>(body: unknown, what: string): T[] {
	const data = isObject(body) ? body.data : undefined;
	if (!Array.isArray(data) || !data.every(hasId)) {
		throw new Error(
			`OpenDialog answered without the list of ${what} expected in "data"; ${SHAPE_HINT}`,
		);
	}
	return data.map((record) => withStringId<T>(record as Record<string, unknown>));
}

/**
 * One page of topics or sources. The meta has `current_page`, `per_page` and `total` but no
 * `last_page`: the last page is worked out from the total. An answer without `meta` is read as
 * the whole list on one page.
 */
export function readPage<T extends { id: string }>(
	body: unknown,
	page: number,
	what: string,
): Page<T> {
	const records = readList<T>(body, what);
	const meta = isObject(body) && isObject(body.meta) ? body.meta : undefined;
	if (!meta) return { records, currentPage: page, lastPage: page };
	const total = Number(meta.total);
	const perPage = Number(meta.per_page);
	const currentPage = Number(meta.current_page ?? page);
	const lastPage =
		Number.isFinite(total) && perPage > 0 ? Math.max(Math.ceil(total / perPage), 1) : currentPage;
	return { records, currentPage, lastPage };
}

export const readService = (body: unknown) =>
	readRecord<KnowledgeService>(body, 'knowledge service');
export const readTopic = (body: unknown) => readRecord<Topic>(body, 'topic');
export const readSource = (body: unknown) => readRecord<TopicSource>(body, 'topic source');

/** A topic read with its sources: the sources' ids become strings too. */
export function readTopicWithSources(body: unknown): Topic & { sources: TopicSource[] } {
	const topic = readTopic(body);
	const sources = readList<TopicSource>({ data: topic.sources ?? [] }, 'topic sources');
	return { ...topic, sources };
}

/** The name OpenDialog shows for a source: its configuration's `name`. */
export function sourceName(source: TopicSource): string {
	return String(source.configuration?.name ?? '');
}
