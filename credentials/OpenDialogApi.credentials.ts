import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
					name: 'Public API',
					value: 'public',
					description: 'The current API under /public/api',
				},
				{
					name: 'Legacy API',
					value: 'legacy',
					description: 'The older API under /api, which OpenDialog will remove',
				},
			],
			default: 'public',
		},
	];

	// A function, not an expression: n8n evaluates an expression in its sandbox on every
	// request, which costs more than a small workspace's whole answer.
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${credentials.apiToken}` },
	});

	// An empty one-second range: cheap on any workspace, yet it needs a valid token and URL.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '={{$credentials.apiVersion === "legacy" ? "/api/user-interactions" : "/public/api/user-interactions"}}',
			qs: { from: '2000-01-01 00:00:00', to: '2000-01-01 00:00:01' },
			headers: { Accept: 'application/json' },
			disableFollowRedirect: true,
		},
		rules: [
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
