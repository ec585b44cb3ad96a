/** Where each knowledge call goes, under the public API. Ids are path-encoded. */
const BASE = '/public/api';

function segment(id: string): string {
	return encodeURIComponent(id);
}

export const knowledgePaths = {
	services: () => `${BASE}/knowledge-service`,
	service: (serviceId: string) => `${BASE}/knowledge-service/${segment(serviceId)}`,
	topics: (serviceId: string) =>
		`${BASE}/language-processor/${segment(serviceId)}/language-processor-topic`,
	topic: (serviceId: string, topicId: string) =>
		`${knowledgePaths.topics(serviceId)}/${segment(topicId)}`,
	vectorise: (serviceId: string, topicId: string) =>
		`${knowledgePaths.topic(serviceId, topicId)}/vectorise`,
	sources: (serviceId: string, topicId: string) =>
		`${knowledgePaths.topic(serviceId, topicId)}/language-processor-topic-source`,
	source: (serviceId: string, topicId: string, sourceId: string) =>
		`${knowledgePaths.sources(serviceId, topicId)}/${segment(sourceId)}`,
	/** The unified endpoints: a topic and all its sources in one call. */
	topicsWithSources: (serviceId: string) =>
		`${BASE}/language-processor/${segment(serviceId)}/language-processor-topics`,
	topicWithSources: (serviceId: string, topicId: string) =>
		`${knowledgePaths.topicsWithSources(serviceId)}/${segment(topicId)}`,
};
