import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { apiTokenOf, REFUSED_BASE_URL } from '../nodes/shared/public-api/credential-fields';

const REFUSED_HOST = 'base-url-must-not-contain-user-password-query-or-fragment.invalid';

export class OpenDialogApi implements ICredentialType {
	name = 'openDialogApi';

	displayName = 'OpenDialog API';

	icon = { light: 'file:opendialog.svg', dark: 'file:opendialog.dark.svg' } as const;

	documentationUrl = 'https://docs.opendialog.ai/developing-with-opendialog/public-apis';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://acme.cloud.opendialog.ai',
			description: 'Address of your OpenDialog workspace',
			required: true,
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Bearer token from the Identity & Security page of your workspace (click your user name, bottom left)',
			required: true,
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				{
					name: 'Legacy API',
					value: 'legacy',
					description: 'The older API under /api, which OpenDialog will remove',
				},
				{
					name: 'Public API',
					value: 'public',
					description: 'The current API under /public/api',
				},
			],
			default: 'public',
		},
	];

	// A function, not an expression: n8n evaluates an expression in its sandbox on every
	// request, which costs more than a small workspace's whole answer.
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${apiTokenOf(credentials)}` },
	});

	// An empty one-second range: cheap on any workspace, yet it needs a valid token and URL.
	// A Base URL with a password, query or fragment is not sent anywhere: the test is pointed at
	// a host that cannot exist, whose name says what to fix.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${REFUSED_BASE_URL}.test($credentials.baseUrl.trim()) ? "https://${REFUSED_HOST}" : $credentials.baseUrl.trim().replace(/\\/+$/, "") }}`,
			url: '={{$credentials.apiVersion === "legacy" ? "/api/user-interactions" : "/public/api/user-interactions"}}',
			qs: { from: '2000-01-01 00:00:00', to: '2000-01-01 00:00:01' },
			headers: { Accept: 'application/json' },
			disableFollowRedirect: true,
			// Error answers reach the rules below, so a rejected token reads the same on every
			// n8n line (n8n 1.x and 2.x word a failed test request differently).
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'Unauthenticated.',
					message:
						'OpenDialog rejected the API token (401 Unauthenticated): copy a current token from Identity & Security in your workspace (click your user name, bottom left)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'Too Many Attempts.',
					message:
						'OpenDialog is rate-limiting this token (429 Too Many Attempts): wait a minute, then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'Server Error',
					message:
						'OpenDialog failed to answer (500 Server Error): test again later; if it persists, contact OpenDialog support',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'Service Unavailable',
					message: 'OpenDialog is unavailable (503), e.g. during maintenance: test again later',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data',
					value: undefined,
					message:
						'The Base URL answered, but not like OpenDialog: check it is your workspace address, e.g. https://acme.cloud.opendialog.ai',
				},
			},
		],
	};
}
