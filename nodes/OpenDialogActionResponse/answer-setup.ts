import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../shared/errors/input-error';

const ACTION_TRIGGER_TYPE = /\.openDialogActionTrigger$/;

/**
 * Why this node's answer could reach no one, as n8n's own Respond to Webhook says when no
 * Webhook node comes before it: the workflow is not started by an OpenDialog Action Trigger,
 * or that trigger has already answered (Respond: Immediately). Undefined: the answer has a call
 * to go to.
 */
export function answerSetupProblem(context: IExecuteFunctions): InputError | undefined {
	const triggers = context
		.getParentNodes(context.getNode().name, { includeNodeParameters: true })
		.filter((node) => !node.disabled && ACTION_TRIGGER_TYPE.test(node.type));
	if (triggers.length === 0) {
		return new InputError(
			'No OpenDialog Action Trigger before this node',
			'This node answers the OpenDialog webhook action that started the workflow: start the workflow with an OpenDialog Action Trigger set to Respond: Using OpenDialog Action Response Node, or remove this node.',
		);
	}
	if (triggers.every((trigger) => trigger.parameters?.respond === 'onReceived')) {
		return new InputError(
			'The OpenDialog Action Trigger already answered this call (Respond: Immediately)',
			"Set the trigger's Respond to 'Using OpenDialog Action Response Node' for this node's answer to reach OpenDialog, or remove this node.",
		);
	}
	return undefined;
}
