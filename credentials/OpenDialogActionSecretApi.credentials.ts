import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret an OpenDialog webhook action sends as a header. A credential rather than
 * a node parameter, so the secret is stored encrypted and never exported with the workflow.
 */
export class OpenDialogActionSecretApi implements ICredentialType {
	name = 'openDialogActionSecretApi';

	displayName = 'OpenDialog Action Secret API';

	icon = { light: 'file:opendialog.svg', dark: 'file:opendialog.dark.svg' } as const;

	documentationUrl =
		'https://github.com/opendialogai/n8n-nodes-opendialog#opendialog-action-secret-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-OpenDialog-Secret',
			description: 'The header the webhook action sends; add it to the action in OpenDialog',
			required: true,
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'At least 16 random characters. Put the same value in the header of the webhook action in OpenDialog.',
			required: true,
		},
	];
}
