import type { INodeProperties } from 'n8n-workflow';

export const DEFAULT_ANSWER_TIMEOUT_SECONDS = 10;

export const actionTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'In OpenDialog, add a webhook action with this node\'s URL (the Production URL once the workflow is active) and a header named as in the credential, holding its secret. The workflow gets one item per call: the input attributes as fields, the whole request body in "rawBody".',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Respond',
		name: 'respond',
		type: 'options',
		options: [
			{
				name: 'Immediately',
				value: 'onReceived',
				description:
					'Acknowledge at once with no output attributes, then run the workflow (for fire-and-forget actions)',
			},
			{
				name: 'Using OpenDialog Action Response Node',
				value: 'responseNode',
				description:
					"The workflow's OpenDialog Action Response node answers, with output attributes from the workflow's result",
			},
		],
		default: 'responseNode',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { respond: ['responseNode'] } },
		options: [
			{
				displayName: 'Answer Timeout (Seconds)',
				name: 'answerTimeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 300 },
				default: DEFAULT_ANSWER_TIMEOUT_SECONDS,
				description:
					'The user waits in the chat for the answer: after this long OpenDialog gets a failure ("did not answer within …") and a later answer is dropped',
			},
		],
	},
];
