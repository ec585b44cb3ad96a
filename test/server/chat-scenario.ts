/**
 * A scripted OpenDialog scenario for the Chat API stand-in: a support bot that greets with a
 * text and a button message, tracks an order over two turns, tells opening hours, repeats back
 * the user's fields, and answers some phrases with an empty message or nothing at all, as the
 * engine does. Pure: it maps one incoming message and the user's state to the bot's messages.
 */

export interface ChatUser {
	first_name?: string;
	last_name?: string;
	email?: string;
	external_id?: string;
	custom?: Record<string, unknown>;
}

export interface IncomingContent {
	type: string;
	callback_id?: string;
	data: Record<string, unknown>;
	user?: ChatUser;
}

/** What the engine remembers about a user between turns. */
export interface ConversationState {
	awaiting?: 'orderNumber';
	user: ChatUser;
}

/** A bot message before serialisation; `null` is an empty message (serialised as `false`). */
export type BotMessage = {
	type: string;
	intent: string | null;
	data: Record<string, unknown>;
} | null;

export const WELCOME_INTENT = 'intent.core.welcome';

/** The engine's callback table: WELCOME is an alias; any other callback id is an intent name. */
export function callbackIntent(callbackId: string): string {
	return callbackId === 'WELCOME' ? WELCOME_INTENT : callbackId;
}

function text(intent: string | null, body: string): BotMessage {
	return { type: 'text', intent, data: { text: body } };
}

const MENU: BotMessage = {
	type: 'button',
	intent: 'intent.app.menu',
	data: {
		text: 'What can I help you with?',
		buttons: [
			{
				text: 'Track an order',
				display: true,
				type: '',
				callback_id: 'intent.app.track',
				value: null,
			},
			{
				text: 'Opening hours',
				display: true,
				type: '',
				callback_id: 'intent.app.hours',
				value: 'topic.hours',
			},
			{
				text: 'Help page',
				display: true,
				type: '',
				link: 'https://example.com/help',
				link_new_tab: true,
			},
		],
		external: false,
		clear_after_interaction: true,
	},
};

function byIntent(intent: string, state: ConversationState): BotMessage[] {
	switch (intent) {
		case WELCOME_INTENT:
			state.awaiting = undefined;
			return [text(WELCOME_INTENT, "Hello! I'm the Acme assistant."), MENU];
		case 'intent.app.track':
			state.awaiting = 'orderNumber';
			return [text(intent, 'Sure. What is your <b>order number</b>?')];
		case 'intent.app.hours':
			return [text(intent, 'We are open 9am to 5pm, Monday to Friday.')];
		default:
			// What the engine says for an intent without a message template.
			return [text(null, `No messages found for intent ${intent}`)];
	}
}

function whoAmI(user: ChatUser): string {
	const name = [user.first_name, user.last_name].filter(Boolean).join(' ') || 'unknown';
	const plan = user.custom?.plan ?? 'none';
	return `You are ${name} (${user.email ?? 'no e-mail'}, id ${user.external_id ?? 'none'}), plan ${String(plan)}.`;
}

function byText(utterance: string, state: ConversationState): BotMessage[] {
	const said = utterance.trim().toLowerCase();
	if (state.awaiting === 'orderNumber') {
		const number = /\d+/.exec(said)?.[0];
		if (!number) return [text('intent.app.askOrder', 'That does not look like an order number.')];
		state.awaiting = undefined;
		return [
			text('intent.app.orderStatus', `Order ${number} is on its way.`),
			text(
				'intent.app.orderStatus',
				'It arrives <b>tomorrow</b>. <a href="https://example.com/t">Track it</a>',
			),
		];
	}
	if (said.includes('order')) return byIntent('intent.app.track', state);
	if (said.includes('hours') || said.includes('open')) return byIntent('intent.app.hours', state);
	if (said.includes('menu')) return [MENU];
	if (said === 'who am i') return [text('intent.app.whoAmI', whoAmI(state.user))];
	if (said === 'hush') return [null];
	if (said === 'nothing') return [];
	return [text('intent.app.noMatch', `Sorry, I did not understand "${utterance}".`)];
}

/** The bot's messages for one incoming message, updating the user's state. */
export function reply(content: IncomingContent, state: ConversationState): BotMessage[] {
	if (content.user) state.user = { ...state.user, ...content.user };
	if (content.type === 'text' || content.type === 'longtext_response')
		return byText(String(content.data.text), state);
	return byIntent(callbackIntent(String(content.callback_id)), state);
}
