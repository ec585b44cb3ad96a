/** The message and user parameters, read into what the Chat API sends. Pure. */
import { InputError } from '../shared/errors/input-error';
import type { ChatUserFields, OutgoingMessage } from '../shared/chat-api/types';

export interface MessageParameters {
	messageType: unknown;
	text: unknown;
	callbackId: unknown;
	buttonCallbackId: unknown;
	value: unknown;
	buttonLabel: unknown;
}

function stringOf(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

export function readOutgoingMessage(parameters: MessageParameters): OutgoingMessage {
	const value = stringOf(parameters.value);
	if (parameters.messageType === 'trigger') {
		const callbackId = stringOf(parameters.callbackId).trim();
		if (callbackId === '')
			throw new InputError(
				"'Callback ID' is empty",
				'Enter the intent to trigger, e.g. WELCOME to open the conversation.',
			);
		return { type: 'trigger', callbackId, ...(value !== '' ? { value } : {}) };
	}
	if (parameters.messageType === 'buttonReply') {
		const callbackId = stringOf(parameters.buttonCallbackId).trim();
		if (callbackId === '')
			throw new InputError(
				"'Callback ID' of the button is empty",
				"Use the callbackId of one of the buttons in the bot's answer, e.g. {{ $json.buttons[0].callbackId }}.",
			);
		const label = stringOf(parameters.buttonLabel);
		return {
			type: 'buttonReply',
			callbackId,
			...(value !== '' ? { value } : {}),
			...(label !== '' ? { label } : {}),
		};
	}
	const text = stringOf(parameters.text);
	if (text.trim() === '')
		throw new InputError(
			"'Text' is empty",
			'Map what the user said, e.g. {{ $json.body }}; OpenDialog cannot read an empty message.',
		);
	return { type: 'text', text };
}

const USER_FIELDS = ['first_name', 'last_name', 'email', 'external_id'] as const;

/** User fields and custom attributes; empty ones are left out rather than sent as blanks. */
export function readUserFields(
	fields: Record<string, unknown>,
	attributes: { attribute?: Array<{ name?: unknown; value?: unknown }> },
): ChatUserFields {
	const user: ChatUserFields = {};
	for (const field of USER_FIELDS) {
		const value = stringOf(fields[field]).trim();
		if (value !== '') user[field] = value;
	}
	const custom: Record<string, string> = {};
	for (const pair of attributes.attribute ?? []) {
		const name = stringOf(pair.name).trim();
		if (name === '') continue;
		if (name === 'selected_scenario')
			throw new InputError(
				"'selected_scenario' is set by the credential's Scenario ID",
				'Remove it from Custom Attributes, or use another credential for another scenario.',
			);
		custom[name] = stringOf(pair.value);
	}
	if (Object.keys(custom).length > 0) user.custom = custom;
	return user;
}
