/**
 * Runs one node's execute() inside n8n's own execution engine (n8n-core's WorkflowExecute):
 * real parameter and expression resolution, real credential authentication and real HTTP
 * through n8n's request helpers. Only the credential store is in memory.
 */
import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PollContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	createDeferredPromise,
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteResponsePromiseData,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type ITaskData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { OpenDialogApi } from '../../credentials/OpenDialogApi.credentials';

export class InMemoryCredentials extends ICredentialsHelper {
	constructor(
		private readonly data: ICredentialDataDecryptedObject,
		private readonly credentialType: ICredentialType = new OpenDialogApi(),
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_type: string,
		request: IHttpRequestOptions,
	) {
		const { authenticate } = this.credentialType;
		if (typeof authenticate === 'function') return await authenticate(credentials, request);
		// The generic form n8n resolves: each header value is an expression over $credentials.
		const generic = this.credentialType.authenticate as {
			properties: { headers: Record<string, string> };
		};
		const headers: Record<string, string> = {};
		for (const [name, template] of Object.entries(generic.properties.headers)) {
			headers[name] = template
				.replace(/^=/, '')
				.replace(/\{\{(.+?)\}\}/g, (_m, expression: string) =>
					String(new Function('$credentials', `return ${expression}`)(credentials) ?? ''),
				);
		}
		return { ...request, headers: { ...request.headers, ...headers } };
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}

	async getDecrypted() {
		return { ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return this.credentialType.properties;
	}
}

export interface RunNodeOptions {
	node: INodeType;
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	timezone?: string;
	/** The node's type name in the workflow; n8n names a node used as an AI tool `…Tool`. */
	nodeType?: string;
	/** Receives what the node answers to the webhook call that started the workflow. */
	onResponse?: (response: IExecuteResponsePromiseData) => void;
	/** The node's credential type, when it is not the OpenDialog API one. */
	credentialType?: ICredentialType;
	/** The workflow's static data; pass the same object to carry it from run to run. */
	staticData?: IDataObject;
	/** Cancels the execution, as n8n's Stop button does, once this settles. */
	cancelWhen?: Promise<unknown>;
	/** Nodes before this one, in a row: they do not run, but the node sees them as parents. */
	upstream?: UpstreamNode[];
}

export interface UpstreamNode {
	name: string;
	type: string;
	node: INodeType;
	parameters?: INodeParameters;
}

export interface NodeRun {
	items: INodeExecutionData[];
	error?: Error & {
		description?: string;
		context?: Record<string, unknown>;
		httpCode?: string | null;
	};
	/** n8n's own measure of the node's work. */
	executionTime: number;
}

const NODE_TYPE = 'n8n-nodes-opendialog.testNode';

interface TestWorkflowOptions {
	node: INodeType;
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	timezone?: string;
	nodeType?: string;
	credentialType?: ICredentialType;
	staticData?: IDataObject;
	upstream?: UpstreamNode[];
}

/** A one-node workflow and the engine's surroundings, with credentials held in memory. */
function testWorkflow(options: TestWorkflowOptions) {
	const upstream = options.upstream ?? [];
	const typeOf = (type: string) =>
		upstream.find((parent) => parent.type === type)?.node ?? options.node;
	const nodeTypes: INodeTypes = {
		getByName: typeOf,
		getByNameAndVersion: typeOf,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'b3a1c0de-0000-4000-8000-000000000001',
		name: 'OpenDialog',
		type: options.nodeType ?? NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: {
			[options.credentialType?.name ?? 'openDialogApi']: { id: '1', name: 'OpenDialog test' },
		},
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const parents: INode[] = upstream.map((parent, index) => ({
		id: `b3a1c0de-0000-4000-8000-00000000010${index}`,
		name: parent.name,
		type: parent.type,
		typeVersion: 1,
		position: [-200 * (upstream.length - index), 0],
		parameters: parent.parameters ?? {},
	}));
	const row = [...parents, node];
	const connections = Object.fromEntries(
		parents.map((parent, index) => [
			parent.name,
			{ main: [[{ node: row[index + 1].name, type: 'main' as const, index: 0 }]] },
		]),
	);
	const workflow = new Workflow({
		id: 'test',
		nodes: row,
		connections,
		nodeTypes,
		active: false,
		settings: { timezone: options.timezone ?? 'UTC' },
		staticData: options.staticData,
	});
	const hooks = new ExecutionLifecycleHooks('manual', '1', {
		id: 'test',
		name: 'test',
	} as IWorkflowBase);
	// What the engine asks of the server around it; webhooks, sub-workflows and the like are unused here.
	const additionalData = {
		hooks,
		credentialsHelper: new InMemoryCredentials(options.credentials, options.credentialType),
		currentNodeParameters: undefined,
		variables: {},
		restApiUrl: '',
		instanceBaseUrl: '',
		formWaitingBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not part of these tests');
		},
		setExecutionStatus: () => {},
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { node, workflow, hooks, additionalData };
}

export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	const { node, workflow, hooks, additionalData } = testWorkflow(options);
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));
	if (options.onResponse) hooks.addHandler('sendResponse', options.onResponse);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node, data: { main: [options.items ?? [{ json: {} }]] }, source: null },
			],
		},
	});
	const execution = new WorkflowExecute(
		additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	void options.cancelWhen?.then(() => execution.cancel());
	// Settles when the node's execute() has, cancelled or not.
	await execution;
	const run = await done.promise;
	const task = run.data.resultData.runData[node.name]?.[0] as ITaskData;
	return {
		items: task?.data?.main?.[0] ?? [],
		error: (task?.error ?? run.data.resultData.error) as NodeRun['error'],
		executionTime: task?.executionTime ?? 0,
	};
}

/**
 * A polling trigger as n8n runs it: each `poll()` goes through n8n-core's PollContext on the
 * same workflow, so the node's static data carries over from poll to poll.
 */
export function pollingTrigger(options: TestWorkflowOptions) {
	const { node, workflow, additionalData } = testWorkflow(options);
	return {
		poll: async (mode: 'trigger' | 'manual' = 'trigger') => {
			const context = new PollContext(
				workflow,
				node,
				additionalData,
				mode,
				mode === 'manual' ? 'manual' : 'activate',
			);
			const output = await options.node.poll!.call(context);
			return output?.[0] ?? [];
		},
		staticData: () => workflow.getStaticData('node', node),
		/** Edits the node between polls, as a user editing an active workflow does. */
		setParameters: (parameters: INodeParameters) => Object.assign(node.parameters, parameters),
	};
}

/** The context n8n gives a node's listSearch and loadOptions methods, on the same workflow. */
export function loadOptionsContext(options: TestWorkflowOptions): LoadOptionsContext {
	const { node, workflow, additionalData } = testWorkflow(options);
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters');
}
