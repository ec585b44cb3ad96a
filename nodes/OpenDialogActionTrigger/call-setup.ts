import type { IWebhookFunctions } from 'n8n-workflow';

import { readActionSecret, secretSetupProblem, type ActionSecret } from './secret';

/** The node types that can answer a call the trigger leaves to the workflow. */
const ANSWERING_NODE_TYPES = [/\.openDialogActionResponse$/, /^n8n-nodes-base\.respondToWebhook$/];

/** The credential, or why no call can be answered as set up (a sentence for OpenDialog's logs). */
export type CallSetup = { secret: ActionSecret } | { problem: string };

/** What every call needs before its secret is compared: a usable credential and, unless the
 * trigger answers at once, a node to answer it. */
export async function checkCallSetup(
	context: IWebhookFunctions,
	respondAtOnce: boolean,
): Promise<CallSetup> {
	const loaded = await loadActionSecret(context);
	if ('problem' in loaded || respondAtOnce) return loaded;
	const problem = missingAnsweringNode(context);
	return problem === undefined ? loaded : { problem };
}

/**
 * The credential, read and checked by the same rules as its Test button: a call is only
 * compared with a secret that could have passed that test.
 */
async function loadActionSecret(context: IWebhookFunctions): Promise<CallSetup> {
	let secret: ActionSecret;
	try {
		secret = readActionSecret(await context.getCredentials('openDialogActionSecretApi'));
	} catch {
		return {
			problem:
				'The n8n workflow behind this action has no OpenDialog Action Secret credential: select one on its OpenDialog Action Trigger node.',
		};
	}
	const problem = secretSetupProblem(secret);
	if (problem === undefined) return { secret };
	return {
		problem: `The n8n workflow behind this action cannot check the secret of its OpenDialog Action Secret credential. ${problem}, then test the credential in n8n.`,
	};
}

/**
 * Left to the workflow, a call waits for a response node: without one after the trigger it
 * could only ever time out, so it is refused at once with the fix, as n8n's own Webhook node
 * refuses a call left to a Respond to Webhook node that is not there.
 */
function missingAnsweringNode(context: IWebhookFunctions): string | undefined {
	const answering = context
		.getChildNodes(context.getNode().name)
		.some((node) => !node.disabled && ANSWERING_NODE_TYPES.some((type) => type.test(node.type)));
	if (answering) return undefined;
	return "The n8n workflow behind this action has no OpenDialog Action Response node after its OpenDialog Action Trigger, so it could never answer: add one, or set the trigger's Respond to Immediately.";
}
