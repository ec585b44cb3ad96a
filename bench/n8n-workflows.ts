/**
 * The workflows of parts 3–4: the package's nodes and what a user would wire by hand with n8n's
 * own nodes for the same job, on the same tenant.
 */
import { chainWorkflow, credentialRef, type WorkflowNode } from '../test/helpers/workflows';
import type { ServerProcess } from './server-process';

export const RANGE = { from: '2024-05-01 00:00:00', to: '2024-05-07 23:59:59' };

/** The three plain field reads a contact mapping usually is. */
const EXPRESSIONS = {
	user_id: '={{ $json.email }}',
	first_name: '={{ $json.first_name }}',
	n: '={{ $json.n }}',
};

const contactsCode = (contacts: number): WorkflowNode => ({
	name: 'Contacts',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: {
		jsCode: `return Array.from({ length: ${contacts} }, (_, n) => ({ json: { email: 'c' + n + '@example.com', first_name: 'Contact ' + n, n } }));`,
	},
});

/** The same chain started by a caller, ending in one item so the caller's run stays small. */
function subWorkflow(id: string, chain: WorkflowNode[]) {
	const workflow = chainWorkflow(id, [
		...chain,
		{ name: 'Limit', type: 'n8n-nodes-base.limit', parameters: { maxItems: 1 } },
	]);
	workflow.nodes[0] = {
		...workflow.nodes[0],
		type: 'n8n-nodes-base.executeWorkflowTrigger',
		typeVersion: 1,
	};
	return { ...workflow, settings: { ...workflow.settings, callerPolicy: 'any' } };
}

function callerWorkflow(id: string, subWorkflowId: string) {
	return chainWorkflow(id, [
		{
			name: 'Execute Workflow',
			type: 'n8n-nodes-base.executeWorkflow',
			parameters: { source: 'database', workflowId: subWorkflowId, options: {} },
		},
	]);
}

/** How the hand-built HTTP Request sends the token. */
type TokenIn = 'header' | 'credential';

/** The Bearer Auth credential a careful user stores the token in, instead of the workflow. */
export const BEARER_CREDENTIAL_ID = 'bearer-bench';

/** What sends the token: a header pasted into the node, or the Bearer Auth credential. */
function tokenSettings(tokenIn: TokenIn, server: ServerProcess) {
	if (tokenIn === 'header')
		return {
			parameters: {},
			headers: [{ name: 'Authorization', value: `Bearer ${server.token}` }],
			credentials: undefined,
		};
	return {
		parameters: { authentication: 'genericCredentialType', genericAuthType: 'httpBearerAuth' },
		headers: [],
		credentials: { httpBearerAuth: { id: BEARER_CREDENTIAL_ID, name: 'Bearer bench' } },
	};
}

export function httpRequest(
	name: string,
	server: ServerProcess,
	parameters: Record<string, unknown>,
	tokenIn: TokenIn = 'header',
): WorkflowNode {
	const token = tokenSettings(tokenIn, server);
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			...token.parameters,
			sendHeaders: true,
			headerParameters: {
				parameters: [...token.headers, { name: 'Accept', value: 'application/json' }],
			},
			options: {},
			...parameters,
		},
		credentials: token.credentials,
	};
}

/** Every workflow the benchmark runs, for a test server and the contact counts measured. */
export function workflows(server: ServerProcess, contactCounts: number[]) {
	const getInteractions: WorkflowNode = {
		name: 'Get Interactions',
		type: 'n8n-nodes-opendialog.openDialogGetInteractions',
		parameters: {
			from: RANGE.from.replace(' ', 'T'),
			to: RANGE.to.replace(' ', 'T'),
			outputMode: 'perUser',
		},
		credentials: credentialRef('od-bench'),
	};
	const byHand = (tokenIn: TokenIn): WorkflowNode[] => [
		httpRequest(
			'HTTP Request',
			server,
			{
				url: `${server.url}/public/api/user-interactions`,
				sendQuery: true,
				queryParameters: {
					parameters: [
						{ name: 'from', value: RANGE.from },
						{ name: 'to', value: RANGE.to },
					],
				},
			},
			tokenIn,
		),
		{
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			parameters: { fieldToSplitOut: 'data', options: {} },
		},
	];
	return [
		chainWorkflow('bench-get', [getInteractions]),
		chainWorkflow('bench-get-by-hand', byHand('header')),
		chainWorkflow('bench-get-by-hand-credential', byHand('credential')),
		subWorkflow('bench-get-sub', [getInteractions]),
		subWorkflow('bench-get-by-hand-sub', byHand('header')),
		callerWorkflow('bench-get-large', 'bench-get-sub'),
		callerWorkflow('bench-get-by-hand-large', 'bench-get-by-hand-sub'),
		...contactCounts.flatMap((contacts) => linksWorkflows(server, contacts)),
	];
}

function linksWorkflows(server: ServerProcess, contacts: number) {
	return [
		chainWorkflow(`bench-links-${contacts}`, [
			contactsCode(contacts),
			{
				name: 'Generate Webchat Deeplinks',
				type: 'n8n-nodes-opendialog.openDialogGenerateWebchatDeeplinks',
				parameters: {
					scenarioBy: 'id',
					scenarioId: 'scn-welcome',
					userId: EXPRESSIONS.user_id,
					attributesMode: 'defineBelow',
					attributes: {
						attribute: [
							{ name: 'first_name', value: EXPRESSIONS.first_name },
							{ name: 'n', value: EXPRESSIONS.n },
						],
					},
				},
				credentials: credentialRef('od-bench'),
			},
		]),
		chainWorkflow(`bench-links-by-hand-${contacts}`, [
			contactsCode(contacts),
			httpRequest('HTTP Request', server, {
				method: 'POST',
				url: `${server.url}/public/api/generate-webchat-deep-link`,
				sendBody: true,
				specifyBody: 'json',
				jsonBody:
					"={{ JSON.stringify({ scenario_id: 'scn-welcome', dataset: [{ user_id: $json.email, attributes: { first_name: $json.first_name, n: $json.n } }] }) }}",
			}),
		]),
		// The floor for any node reading three expressions per item: n8n evaluating them.
		chainWorkflow(`bench-links-floor-${contacts}`, [
			contactsCode(contacts),
			{
				name: 'Edit Fields',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: {
					assignments: {
						assignments: Object.entries(EXPRESSIONS).map(([name, value], index) => ({
							id: `a${index}`,
							name,
							value,
							type: 'string',
						})),
					},
					options: {},
				},
			},
		]),
	];
}
