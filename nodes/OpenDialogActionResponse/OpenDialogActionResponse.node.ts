import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	actionFailure,
	actionSuccess,
	type ActionAnswer,
} from '../shared/webhook-action/action-call';
import { InputError } from '../shared/errors/input-error';
import {
	ATTRIBUTE_PAIRS_PARAMETER,
	type AttributePair,
} from '../shared/properties/attribute-pairs';
import { answerSetupProblem } from './answer-setup';
import { actionResponseProperties } from './description';
import { buildOutputAttributes, type AttributesMode } from './output-attributes';

export class OpenDialogActionResponse implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenDialog Action Response',
		name: 'openDialogActionResponse',
		icon: { light: 'file:opendialog.svg', dark: 'file:opendialog.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["answer"] === "failure" ? "Failure" : "Success" }}',
		description: 'Answers the OpenDialog webhook action that started the workflow',
		defaults: { name: 'OpenDialog Action Response' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: actionResponseProperties,
		// Not an AI tool: it answers the webhook call that started the workflow, which a tool call has not.
		usableAsTool: undefined,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const setupProblem = answerSetupProblem(this);
		if (setupProblem) {
			const { message, description } = setupProblem;
			if (!this.continueOnFail())
				throw new NodeOperationError(this.getNode(), message, { description });
			return [
				items.map((_, item) => ({ json: { error: message, description }, pairedItem: { item } })),
			];
		}
		const output = items.map((item, index) => ({ ...item, pairedItem: { item: index } }));
		let answer: ActionAnswer;
		try {
			answer = buildAnswer(this);
		} catch (error) {
			const { message, description } = error as InputError;
			if (!this.continueOnFail()) {
				throw new NodeOperationError(this.getNode(), `${message} [item 0]`, {
					itemIndex: 0,
					description,
				});
			}
			answer = actionFailure(message);
			output[0] = { json: { error: message, description }, pairedItem: { item: 0 } };
		}
		await this.sendResponse({
			body: answer as unknown as IDataObject,
			headers: { 'content-type': 'application/json; charset=utf-8' },
			statusCode: 200,
		});
		return [output];
	}
}

/** The answer, built from the first item: OpenDialog takes one answer per call. */
function buildAnswer(context: IExecuteFunctions): ActionAnswer {
	if (context.getNodeParameter('answer', 0) === 'failure') {
		return actionFailure(String(context.getNodeParameter('errorMessage', 0)));
	}
	const mode = context.getNodeParameter('attributesMode', 0) as AttributesMode;
	return actionSuccess(
		buildOutputAttributes(mode, {
			fields: context.getInputData()[0]?.json ?? {},
			pairs:
				mode === 'defineBelow'
					? (context.getNodeParameter(ATTRIBUTE_PAIRS_PARAMETER, 0, []) as AttributePair[])
					: [],
			json: mode === 'json' ? context.getNodeParameter('attributesJson', 0) : undefined,
		}),
	);
}
