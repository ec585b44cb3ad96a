/**
 * Calls a webhook node's webhook() as n8n's webhook server does, over real HTTP: a local
 * server reads the JSON body, n8n-core's WebhookContext runs the node, and what the node
 * returns is answered the way n8n answers it. The workflow around the node (the nodes after
 * it) is real n8n-workflow; the credential store is in memory.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import { WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeType,
	type INodeTypes,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { expressLike, type ResponseObject } from './express-like';
import { InMemoryCredentials } from './run-node';

export interface WorkflowNodeSpec {
	name: string;
	type: string;
	node?: INodeType;
	parameters?: IDataObject;
	disabled?: boolean;
}

export interface WebhookCallOptions {
	node: INodeType;
	type: string;
	parameters: IDataObject;
	/** The credential of `credentialType`, or none set on the node. */
	credential?: { type: string; data: ICredentialDataDecryptedObject };
	/** The nodes after the webhook node, in a row. */
	then?: WorkflowNodeSpec[];
	headers?: Record<string, string>;
	body?: unknown;
	/** Plays n8n's part once webhook() has returned and the workflow would run. */
	n8n?: (res: ResponseObject, returned: IWebhookResponseData) => void;
}

export interface WebhookCall {
	status: number;
	body: unknown;
	returned?: IWebhookResponseData;
}

/** A node type n8n would load from elsewhere: only its name matters to these tests. */
const otherNodeType = (): INodeType => ({
	description: {
		displayName: 'Other',
		name: 'other',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: {},
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
});

function workflowOf(options: WebhookCallOptions) {
	const trigger: INode = {
		id: 'c0de0000-0000-4000-8000-000000000001',
		name: 'Webhook Node',
		type: options.type,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'c0de0000-0000-4000-8000-0000000000aa',
		parameters: options.parameters as INode['parameters'],
		...(options.credential
			? { credentials: { [options.credential.type]: { id: '1', name: 'Secret' } } }
			: {}),
	};
	const then = (options.then ?? []).map((spec, index) => ({
		id: `c0de0000-0000-4000-8000-00000000000${index + 2}`,
		name: spec.name,
		type: spec.type,
		typeVersion: 1,
		position: [(index + 1) * 200, 0] as [number, number],
		parameters: (spec.parameters ?? {}) as INode['parameters'],
		disabled: spec.disabled,
	}));
	const nodes = [trigger, ...then];
	const types = new Map<string, INodeType>([[options.type, options.node]]);
	for (const spec of options.then ?? []) types.set(spec.type, spec.node ?? otherNodeType());
	const nodeTypes: INodeTypes = {
		getByName: (type) => types.get(type)!,
		getByNameAndVersion: (type) => types.get(type)!,
		getKnownTypes: () => ({}),
	};
	const connections = Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((node, index) => [
				node.name,
				{ main: [[{ node: nodes[index + 1].name, type: 'main' as const, index: 0 }]] },
			]),
	);
	const workflow = new Workflow({
		id: 'webhook-test',
		nodes,
		connections,
		nodeTypes,
		active: true,
		settings: { timezone: 'UTC' },
	});
	return { workflow, trigger: workflow.getNode(trigger.name)! };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text === '' ? {} : (JSON.parse(text) as unknown);
}

/** One call to the webhook node; resolves with what the caller received. */
export async function callWebhook(options: WebhookCallOptions): Promise<WebhookCall> {
	const { workflow, trigger } = workflowOf(options);
	let returned: IWebhookResponseData | undefined;
	const server = createServer((request, response) => {
		void (async () => {
			const res = expressLike(response);
			const additionalData = {
				credentialsHelper: new InMemoryCredentials(options.credential?.data ?? {}),
				httpRequest: { headers: request.headers, body: await readJson(request) },
				httpResponse: res,
			} as unknown as IWorkflowExecuteAdditionalData;
			const webhookData = {
				webhookDescription: options.node.description.webhooks![0],
			} as unknown as IWebhookData;
			const context = new WebhookContext(
				workflow,
				trigger,
				additionalData,
				'webhook',
				webhookData,
				[],
				null,
			);
			try {
				returned = await options.node.webhook!.call(context);
			} catch (error) {
				// n8n answers a webhook that threw with its own error body.
				res.status(500).json({ code: 0, message: (error as Error).message });
				return;
			}
			if (returned.noWebhookResponse) return;
			if (returned.webhookResponse !== undefined) res.status(200).json(returned.webhookResponse);
			else options.n8n?.(res, returned);
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const { port } = server.address() as AddressInfo;
		const response = await fetch(`http://127.0.0.1:${port}/webhook/action`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', ...options.headers },
			body: JSON.stringify(options.body ?? { input_data: { attributes: {} } }),
		});
		return { status: response.status, body: await response.json(), returned };
	} finally {
		server.close();
	}
}
