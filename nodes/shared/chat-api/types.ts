/** The OpenDialog Chat API (the webchat's own API), as its three generations speak it. */

/** `v1` open-source 1.x, `v2` the cloud before 3.0, `v3` the cloud since 3.0 (June 2025). */
export type ChatGeneration = 'v1' | 'v2' | 'v3';

/** What a message says: free text, a trigger (an intent by callback id), or a button click. */
export type OutgoingMessage =
	| { type: 'text'; text: string }
	| { type: 'trigger'; callbackId: string; value?: string }
	| { type: 'buttonReply'; callbackId: string; value?: string; label?: string };

/** The user object OpenDialog stores with the conversation; `custom` become user attributes. */
export interface ChatUserFields {
	first_name?: string;
	last_name?: string;
	email?: string;
	external_id?: string;
	custom?: Record<string, string>;
}

/** One bot message as OpenDialog sends it: `{author, type, intent, data}`. */
export interface BotMessage {
	author?: string;
	type: string;
	intent?: string | null;
	data: Record<string, unknown>;
	[key: string]: unknown;
}

/** A button of any bot message, flattened so a workflow can offer it on another channel. */
export interface ChatButton {
	label: string;
	/** Send this back as a Button Reply's Callback ID (with `value`) to press the button. */
	callbackId?: string;
	value?: string | null;
	link?: string;
	phoneNumber?: string;
	/** Which bot message of the answer carries it, from 0. */
	messageIndex: number;
}
