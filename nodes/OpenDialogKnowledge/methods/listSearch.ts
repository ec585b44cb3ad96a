/** The searchable lists behind the node's resource locators. */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { getConnection } from '../../shared/public-api/connection';
import { knowledgeApi } from '../../shared/public-api/knowledge/knowledge-api';

/** Topics shown per list page; the list asks for the next page as the user scrolls. */
const TOPICS_PER_LIST = 50;

export async function searchKnowledgeServices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const api = knowledgeApi(this, await getConnection(this));
	const wanted = (filter ?? '').toLowerCase();
	// OpenDialog lists every service at once, so the filter is applied here.
	const services = (await api.listServices()).filter((service) =>
		service.name.toLowerCase().includes(wanted),
	);
	return { results: services.map((service) => ({ name: service.name, value: service.id })) };
}

export async function searchTopics(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const serviceId = String(
		this.getNodeParameter('knowledgeService', undefined, { extractValue: true }) ?? '',
	).trim();
	if (serviceId === '') return { results: [] };
	const api = knowledgeApi(this, await getConnection(this));
	const topics = await api.listTopics(serviceId, {
		search: filter?.trim() || undefined,
		orderBy: 'name',
		orderDir: 'asc',
		limit: TOPICS_PER_LIST,
	});
	return { results: topics.map((topic) => ({ name: topic.name, value: topic.id })) };
}
