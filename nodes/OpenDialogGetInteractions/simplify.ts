import type { ApiInteraction, UserInteractions } from '../shared/public-api/interactions';
import type { JsonValue } from '../shared/json/json';

/** Enough of a conversation to answer "what did they ask?", small enough for a model's context. */
export const SIMPLIFIED_MESSAGES = 10;
export const SIMPLIFIED_TEXT_CHARS = 280;

export interface SimplifiedMessage {
	date: string;
	text: string;
}

export interface SimplifiedUser {
	user_id: string;
	name?: string;
	email?: string;
	/** All of the user's interactions in the range; `last_messages` holds at most the newest few. */
	message_count: number;
	last_messages: SimplifiedMessage[];
}

function knownText(value: JsonValue): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** What the user said or chose; a button press has no text, only the value it sent. */
function messageText(interaction: ApiInteraction): string {
	const data = interaction?.data;
	const text =
		knownText(interaction?.text) ||
		(data && typeof data === 'object' ? knownText(data.value) || knownText(data.text) : '') ||
		`(${knownText(interaction?.type) || 'interaction'})`;
	return text.length > SIMPLIFIED_TEXT_CHARS
		? `${text.slice(0, SIMPLIFIED_TEXT_CHARS - 1)}…`
		: text;
}

/** Per user: id, name and email when OpenDialog knows them, and the newest messages as text. */
export function simplifyUser(user: UserInteractions): SimplifiedUser {
	const profile = user.chatbot_user_data ?? {};
	const name = [knownText(profile.first_name), knownText(profile.last_name)]
		.filter(Boolean)
		.join(' ');
	const email = knownText(profile.email);
	const interactions = Array.isArray(user.interactions) ? user.interactions : [];
	return {
		user_id: user.user_id,
		...(name ? { name } : {}),
		...(email ? { email } : {}),
		message_count: interactions.length,
		last_messages: interactions.slice(-SIMPLIFIED_MESSAGES).map((interaction) => ({
			date: String(interaction?.date ?? ''),
			text: messageText(interaction),
		})),
	};
}
