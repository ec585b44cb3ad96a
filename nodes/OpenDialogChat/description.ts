import type { INodeProperties } from 'n8n-workflow';

import { attributePairsProperty } from '../shared/properties/attribute-pairs';
import { timeoutOption } from '../shared/properties/timeout-option';

const SEND_OR_SCRIPT = { show: { operation: ['sendMessage', 'runScript'] } };

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Get History',
			value: 'getHistory',
			action: 'Get the chat history of a user',
			description: "Get a user's conversation with the bot, oldest message first",
		},
		{
			name: 'Run Script',
			value: 'runScript',
			action: 'Run a scripted conversation test',
			description:
				'Play the input items as the turns of one conversation, as a new user, and check each reply',
		},
		{
			name: 'Send Message',
			value: 'sendMessage',
			action: 'Send a message to a scenario',
			description: "Send a message to the bot as a user and get the bot's answer",
		},
	],
	default: 'sendMessage',
};

const userIdProperty: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. {{ $json.from }}',
	description:
		'Who is talking: the same ID continues the same conversation. Typically the phone number, chat ID or e-mail the message came from.',
	displayOptions: { show: { operation: ['sendMessage', 'getHistory'] } },
};

const messageProperties: INodeProperties[] = [
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		options: [
			{
				name: 'Button Reply',
				value: 'buttonReply',
				description: 'Press a button of an earlier bot message',
			},
			{ name: 'Text', value: 'text', description: 'What the user typed' },
			{
				name: 'Trigger',
				value: 'trigger',
				description: 'Start an intent by its callback ID, e.g. WELCOME to open the conversation',
			},
		],
		default: 'text',
		displayOptions: SEND_OR_SCRIPT,
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. {{ $json.body }}',
		description: 'What the user says',
		displayOptions: { show: { ...SEND_OR_SCRIPT.show, messageType: ['text'] } },
	},
	{
		displayName: 'Callback ID',
		name: 'callbackId',
		type: 'string',
		default: 'WELCOME',
		description:
			'The intent to trigger: WELCOME opens the conversation, any other value is an intent name',
		displayOptions: { show: { ...SEND_OR_SCRIPT.show, messageType: ['trigger'] } },
	},
	{
		displayName: 'Callback ID',
		name: 'buttonCallbackId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.buttons[0].callbackId }}',
		description: "The button's callback ID, as in the buttons of the bot's answer",
		displayOptions: { show: { ...SEND_OR_SCRIPT.show, messageType: ['buttonReply'] } },
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		description:
			'Optional value sent with it; "attribute.value" sets that user attribute, anything else the attribute callback_value',
		displayOptions: { show: { ...SEND_OR_SCRIPT.show, messageType: ['trigger', 'buttonReply'] } },
	},
	{
		displayName: 'Button Label',
		name: 'buttonLabel',
		type: 'string',
		default: '',
		description: "Optional: the button's label, which the history shows as what the user said",
		displayOptions: { show: { ...SEND_OR_SCRIPT.show, messageType: ['buttonReply'] } },
	},
];

const scriptProperties: INodeProperties[] = [
	{
		displayName: 'Each input item is one turn of the conversation, played in order as one new user',
		name: 'scriptNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['runScript'] } },
	},
	{
		displayName: 'Expect',
		name: 'expectation',
		type: 'options',
		options: [
			{ name: 'Any Reply', value: 'any', description: 'Only that the bot answers' },
			{ name: 'Reply Contains', value: 'contains', description: 'Ignoring case and HTML' },
			{
				name: 'Reply Matches',
				value: 'matches',
				description: 'A regular expression, e.g. ^Hello or /order \\d+/i',
			},
		],
		default: 'contains',
		displayOptions: { show: { operation: ['runScript'] } },
	},
	{
		displayName: 'Expected',
		name: 'expected',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.expect }}',
		description: "What the bot's reply, as plain text, must contain or match",
		displayOptions: { show: { operation: ['runScript'], expectation: ['contains', 'matches'] } },
	},
];

const userFieldsProperty: INodeProperties = {
	displayName: 'User Fields',
	name: 'userFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'What OpenDialog stores about the user',
	displayOptions: SEND_OR_SCRIPT,
	options: [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
		},
		{ displayName: 'External ID', name: 'external_id', type: 'string', default: '' },
		{ displayName: 'First Name', name: 'first_name', type: 'string', default: '' },
		{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '' },
	],
};

const customAttributesProperty = attributePairsProperty({
	displayName: 'Custom Attributes',
	displayOptions: SEND_OR_SCRIPT,
	namePlaceholder: 'e.g. plan',
	valuePlaceholder: 'e.g. premium',
	valueDescription: 'Stored as a user attribute the scenario can use in conditions',
});

const historyProperties: INodeProperties[] = [
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { operation: ['getHistory'] } },
	},
	{
		displayName: 'Leave Out Types',
		name: 'ignoreTypes',
		type: 'multiOptions',
		options: [
			{ name: 'Button', value: 'button' },
			{ name: 'Button Reply', value: 'button_response' },
			{ name: 'Call to Action', value: 'cta' },
			{ name: 'Chat Open', value: 'chat_open' },
			{ name: 'External Text', value: 'text_external' },
			{ name: 'Link Click', value: 'url_click' },
			{ name: 'Text', value: 'text' },
			{ name: 'Trigger', value: 'trigger' },
		],
		default: ['chat_open', 'trigger', 'cta', 'text_external'],
		description:
			'Message types to leave out; the default is what the webchat leaves out of its history',
		displayOptions: { show: { operation: ['getHistory'] } },
	},
];

const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Fail the Node When a Turn Fails',
			name: 'failOnMismatch',
			type: 'boolean',
			default: true,
			description:
				'Whether a turn whose reply does not meet its expectation stops the workflow with an error; off, every turn is output with passed true or false',
			displayOptions: { show: { '/operation': ['runScript'] } },
		},
		{
			displayName: 'One Item per Bot Message',
			name: 'splitMessages',
			type: 'boolean',
			default: false,
			description:
				"Whether to output one item per message of the bot's answer instead of one item per answer",
			displayOptions: { show: { '/operation': ['sendMessage'] } },
		},
		timeoutOption,
	],
};

export const chatProperties: INodeProperties[] = [
	operationProperty,
	userIdProperty,
	...messageProperties,
	...scriptProperties,
	userFieldsProperty,
	customAttributesProperty,
	...historyProperties,
	optionsProperty,
];
