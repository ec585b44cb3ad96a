/**
 * The Action Trigger's webhook() as n8n's webhook server calls it, over real HTTP, with the
 * nodes after it in a real workflow: what a call gets before the workflow runs.
 */
import type { IWebhookResponseData } from 'n8n-workflow';

import { OpenDialogActionResponse } from '../../nodes/OpenDialogActionResponse/OpenDialogActionResponse.node';
import { OpenDialogActionTrigger } from '../../nodes/OpenDialogActionTrigger/OpenDialogActionTrigger.node';
import { actionFailure, actionSuccess } from '../../nodes/shared/webhook-action/action-call';
import {
	callWebhook,
	type WebhookCallOptions,
	type WorkflowNodeSpec,
} from '../helpers/run-webhook';

const SECRET = 'od-action-secret-5f2c9e81b7a4';
const HEADER = 'X-OpenDialog-Secret';

const actionResponse: WorkflowNodeSpec = {
	name: 'Answer',
	type: 'n8n-nodes-opendialog.openDialogActionResponse',
	node: new OpenDialogActionResponse(),
};

/** What n8n does once the workflow's Action Response answers: Express's send of its body. */
const workflowAnswers = (res: Parameters<NonNullable<WebhookCallOptions['n8n']>>[0]) =>
	res.status(200).json(actionSuccess({ full_name: 'John Smith' }));

function call(options: Partial<WebhookCallOptions> & { secretData?: Record<string, string> }) {
	const { secretData = { headerName: HEADER, secret: SECRET }, ...rest } = options;
	return callWebhook({
		node: new OpenDialogActionTrigger(),
		type: 'n8n-nodes-opendialog.openDialogActionTrigger',
		parameters: { respond: 'responseNode' },
		credential: { type: 'openDialogActionSecretApi', data: secretData },
		then: [actionResponse],
		headers: { [HEADER]: SECRET },
		body: { input_data: { attributes: { email: 'john@example.com' } } },
		n8n: workflowAnswers,
		...rest,
	});
}

const started = (returned?: IWebhookResponseData) => Boolean(returned?.workflowData);

describe('the credential, read by the same rules as its Test button', () => {
	test('a secret and header name pasted with spaces around them authenticate the call that sends the secret', async () => {
		const answer = await call({
			secretData: { headerName: ` ${HEADER} `, secret: `${SECRET} ` },
		});
		expect(answer).toMatchObject({
			status: 200,
			body: actionSuccess({ full_name: 'John Smith' }),
		});
		expect(started(answer.returned)).toBe(true);
	});

	test.each([
		['a secret shorter than 16 characters', { headerName: HEADER, secret: 'short' }, /too short/],
		[
			'a header name HTTP cannot carry',
			{ headerName: 'X OpenDialog: Secret', secret: SECRET },
			/cannot be an HTTP header name/,
		],
	])(
		'%s answers every call with a failure naming the fix, and the workflow does not start',
		async (_case, secretData, problem) => {
			const answer = await call({ secretData });
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual({
				successful: false,
				errors: [
					{
						message: expect.stringMatching(
							/^The n8n workflow behind this action cannot check the secret of its OpenDialog Action Secret credential\. .*, then test the credential in n8n\.$/,
						),
					},
				],
			});
			expect(JSON.stringify(answer.body)).toMatch(problem);
			expect(started(answer.returned)).toBe(false);
		},
	);

	test("a missing credential still answers in OpenDialog's failure format", async () => {
		const answer = await call({ credential: undefined });
		expect(answer).toEqual({
			status: 200,
			body: actionFailure(
				'The n8n workflow behind this action has no OpenDialog Action Secret credential: select one on its OpenDialog Action Trigger node.',
			),
			returned: { noWebhookResponse: true },
		});
	});

	test('a wrong secret is still refused with 401', async () => {
		const answer = await call({ headers: { [HEADER]: `${SECRET}x` } });
		expect(answer.status).toBe(401);
		expect(started(answer.returned)).toBe(false);
	});
});

describe('a call left to the workflow', () => {
	test('with no OpenDialog Action Response after the trigger is refused at once, with the fix', async () => {
		const answer = await call({ then: [{ name: 'Set', type: 'n8n-nodes-base.set' }] });
		expect(answer.body).toEqual(
			actionFailure(
				"The n8n workflow behind this action has no OpenDialog Action Response node after its OpenDialog Action Trigger, so it could never answer: add one, or set the trigger's Respond to Immediately.",
			),
		);
		expect(started(answer.returned)).toBe(false);
	});

	test('with only a disabled Action Response is refused too', async () => {
		const answer = await call({ then: [{ ...actionResponse, disabled: true }] });
		expect(answer.body).toMatchObject({ successful: false });
		expect(started(answer.returned)).toBe(false);
	});

	test("with n8n's own Respond to Webhook after the trigger starts the workflow", async () => {
		const answer = await call({
			then: [{ name: 'Respond', type: 'n8n-nodes-base.respondToWebhook' }],
		});
		expect(answer.body).toEqual(actionSuccess({ full_name: 'John Smith' }));
		expect(started(answer.returned)).toBe(true);
	});

	test('needs no response node when the trigger acknowledges at once', async () => {
		const answer = await call({ parameters: { respond: 'onReceived' }, then: [] });
		expect(answer.body).toEqual(actionSuccess({}));
		expect(started(answer.returned)).toBe(true);
	});
});
