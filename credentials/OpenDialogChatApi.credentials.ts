import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** Kept in step with CHAT_PATHS in nodes/shared/chat/endpoints.ts (a credential imports nothing). */
const CONFIGURATION_PATH = {
	v1: '/webchat-config',
	v2: '/chatApi-config',
	v3: '/chat-api/configuration',
};

export class OpenDialogChatApi implements ICredentialType {
	name = 'openDialogChatApi';

	displayName = 'OpenDialog Chat API';

	icon = { light: 'file:opendialog.svg', dark: 'file:opendialog.dark.svg' } as const;

	documentationUrl = 'https://github.com/opendialogai/n8n-nodes-opendialog#opendialog-chat-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Chat Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://acme.cloud.opendialog.ai',
			description: 'The "url" in your webchat embed code: the address the webchat talks to',
			required: true,
		},
		{
			displayName: 'App Key',
			name: 'appToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The "appKey" in your webchat embed code (Interface Settings of the scenario). Not the Public API token: that is a different key.',
		},
		{
			displayName: 'Scenario ID',
			name: 'scenarioId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 3377699723000023',
			description:
				'The "selected_scenario" in your webchat embed code: every message selects this scenario',
			required: true,
		},
		{
			displayName: 'API Generation',
			name: 'generation',
			type: 'options',
			options: [
				{
					name: 'Cloud 3.0 and Later',
					value: 'v3',
					description: 'OpenDialog cloud since June 2025: /chat-api/message',
				},
				{
					name: 'Cloud Before 3.0',
					value: 'v2',
					description: 'OpenDialog cloud until June 2025: /incoming/chatApi with the app key',
				},
				{
					name: 'Self-Hosted Open Source 1.x',
					value: 'v1',
					description: 'The open-source OpenDialog: /incoming/webchat, no app key',
				},
			],
			default: 'v3',
		},
	];

	// Trimmed: a pasted key often carries spaces. Self-hosted 1.x ignores the header.
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			Authorization: `Bearer ${String(credentials.appToken ?? '').trim()}`,
		},
	});

	// The configuration endpoint reads nothing and writes nothing. Its user is new on every
	// test, so a scenario with anonymous authentication issues a token instead of refusing one.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.trim().replace(/\\/+$/, "") }}',
			url: `={{ ${JSON.stringify(CONFIGURATION_PATH)}[$credentials.generation] }}`,
			headers: {
				Accept: 'application/json',
				'OPENDIALOG-USER-ID': '={{ "n8n-credential-test-" + $now.toMillis() }}',
				'OPENDIALOG-SCENARIO-ID': '={{ $credentials.scenarioId.trim() }}',
			},
			disableFollowRedirect: true,
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'Unauthenticated.',
					message:
						"OpenDialog rejected the App Key (401): copy the appKey from the webchat embed code in the scenario's Interface Settings. The Public API token is a different key.",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'Not Found',
					message:
						'Nothing answers at this address for the chosen API Generation (404): check the Chat Base URL, then the API Generation (cloud workspaces since June 2025 use "Cloud 3.0 and Later")',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errors.OPENDIALOG-SCENARIO-ID[0]',
					value: 'The selected OPENDIALOG-SCENARIO-ID is invalid.',
					message:
						'OpenDialog does not know this Scenario ID (422): copy selected_scenario from the webchat embed code',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'Too Many Attempts.',
					message: 'OpenDialog is rate-limiting this app key (429): wait a minute, then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'general',
					value: undefined,
					message:
						'The Chat Base URL answered, but not like the OpenDialog Chat API: check the URL and the API Generation',
				},
			},
		],
	};
}
