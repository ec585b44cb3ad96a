import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	actionFailure,
	actionSuccess,
	readActionAttributes,
} from '../shared/webhook-action/action-call';
import { guardAnswers } from './answer-guard';
import { actionTriggerProperties, DEFAULT_ANSWER_TIMEOUT_SECONDS } from './description';
import { checkCallSetup } from './call-setup';
import { readActionSecret, secretMatches, secretSetupProblem } from './secret';

export class OpenDialogActionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenDialog Action Trigger',
		name: 'openDialogActionTrigger',
		icon: { light: 'file:opendialog.svg', dark: 'file:opendialog.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["respond"] === "onReceived" ? "Acknowledge at once" : "Answer from the workflow" }}',
		description:
			"Starts the workflow when an OpenDialog scenario calls a webhook action, and answers it in OpenDialog's format",
		defaults: { name: 'OpenDialog Action Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'openDialogActionSecretApi', required: true, testedBy: 'checkActionSecret' },
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: '={{$parameter["respond"]}}',
				// Empty, so that when acknowledging n8n sends the answer webhook() returns.
				responseData: '',
				path: 'action',
			},
		],
		properties: actionTriggerProperties,
	};

	methods = {
		credentialTest: {
			async checkActionSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const problem = secretSetupProblem(readActionSecret(credential.data));
				return problem
					? { status: 'Error', message: problem }
					: { status: 'OK', message: 'The header name and secret are usable' };
			},
		},
	};

	// OpenDialog's designer pastes the URL into the action by hand: there is nothing to register.
	// Kept all the same: n8n's scanner requires them on every webhook trigger.
	webhookMethods = {
		default: {
			async checkExists(): Promise<boolean> {
				return true;
			},
			async create(): Promise<boolean> {
				return true;
			},
			async delete(): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject();
		const refuse = (status: number, message: string): IWebhookResponseData => {
			response.status(status).json(actionFailure(message));
			return { noWebhookResponse: true };
		};
		const respondAtOnce = this.getNodeParameter('respond') === 'onReceived';
		const setup = await checkCallSetup(this, respondAtOnce);
		if ('problem' in setup) {
			this.logger.warn(`OpenDialog Action Trigger: ${setup.problem}`);
			// n8n's side is at fault, not the caller's: answered as n8n's failures are, with a 200.
			return refuse(200, setup.problem);
		}
		const { headerName, secret } = setup.secret;
		if (!secretMatches(secret, this.getHeaderData()[headerName.toLowerCase()])) {
			return refuse(
				401,
				`Missing or wrong ${headerName} header: give the webhook action in OpenDialog this header with the secret of the n8n credential`,
			);
		}
		const body = this.getBodyData();
		const attributes = readActionAttributes(body);
		if (attributes === undefined) {
			return refuse(
				400,
				'Not an OpenDialog action call: expected a JSON body like {"input_data":{"attributes":{…}}}',
			);
		}
		const workflowData = [[{ json: { ...attributes, rawBody: body } as IDataObject }]];
		if (respondAtOnce) return { webhookResponse: actionSuccess({}), workflowData };
		const options = this.getNodeParameter('options', {}) as { answerTimeout?: number };
		guardAnswers(response, Math.max(options.answerTimeout ?? DEFAULT_ANSWER_TIMEOUT_SECONDS, 1));
		return { workflowData };
	}
}
