/** Shapes of the OpenDialog API, as documented and as seen in its source. No n8n imports. */

export type ApiVersion = 'public' | 'legacy';

/** Any value a parsed JSON body may hold. */
export type JsonValue = string | number | boolean | object | null | undefined;

/** Free-form user data OpenDialog keeps per chatbot user. */
export type ChatbotUserData = Record<string, JsonValue>;

export interface ApiInteraction {
	/** An open set of values (`text`, `button_response`, `webchat_text`, …). */
	type: string;
	date: string;
	text?: string;
	data?: Record<string, JsonValue> | null;
	[key: string]: JsonValue;
}

export interface ApiUserRecord {
	chatbot_user_data: ChatbotUserData;
	from: string;
	to: string;
	interactions: ApiInteraction[];
	[key: string]: JsonValue;
}

/** Each element of `data` holds exactly one key: the user id. */
export interface InteractionsResponse {
	data: Array<Record<string, ApiUserRecord>>;
}

/** One user's interactions with the user id lifted into the record. */
export interface UserInteractions extends ApiUserRecord {
	user_id: string;
}

export type AttributeValue = string | number | boolean | Array<string | number | boolean>;

export interface DatasetRow {
	user_id?: string;
	attributes: Record<string, AttributeValue>;
}

export interface DeeplinkRequestBody {
	scenario_id?: string;
	scenario_alias?: string;
	dataset: DatasetRow[];
}

export interface Deeplink {
	user_id: string;
	url: string;
}
