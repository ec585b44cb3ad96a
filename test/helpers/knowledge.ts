/** Shared set-up for the Knowledge node's tests: seeded services and topics, and its runs. */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { OpenDialogKnowledge } from '../../nodes/OpenDialogKnowledge/OpenDialogKnowledge.node';
import type { OpenDialogTestServer } from '../server/server';
import { runNode, type RunNodeOptions } from './run-node';

export const SERVICE_CONFIGURATION = {
	language_model_configuration_name: 'default',
	chunk_size: 1000,
};

/** A resource locator set By ID. */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

export function seedService(server: OpenDialogTestServer, name = 'help_centre') {
	return server.knowledge.addService(name, { ...SERVICE_CONFIGURATION });
}

export function knowledgeRequests(server: OpenDialogTestServer) {
	return server.requests.filter((request) =>
		/^\/public\/api\/(knowledge-service|language-processor)/.test(request.path),
	);
}

export function writes(server: OpenDialogTestServer) {
	return knowledgeRequests(server).filter((request) => request.method !== 'GET');
}

export function runKnowledge(
	credentials: RunNodeOptions['credentials'],
	parameters: INodeParameters,
	extra: Partial<RunNodeOptions> = {},
) {
	return runNode({ node: new OpenDialogKnowledge(), parameters, credentials, ...extra });
}

/** An input item carrying a file, as n8n holds binary data in memory. */
export function fileItem(
	content: Buffer,
	fileName: string,
	mimeType: string,
	json: IDataObject = {},
): INodeExecutionData {
	return {
		json,
		binary: { data: { data: content.toString('base64'), mimeType, fileName } },
	};
}

/** Topic → Sync of text documents `{ title, body }` into the topic `help_centre`. */
export function syncParameters(serviceId: string, options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'topic',
		operation: 'sync',
		knowledgeService: byId(serviceId),
		topicName: 'help_centre',
		sourceType: 'text',
		sourceName: '={{ $json.title }}',
		text: '={{ $json.body }}',
		options,
	};
}
