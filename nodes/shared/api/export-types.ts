/** Shapes of OpenDialog's two data exports, as documented. No n8n imports. */
import type { ChatbotUserData, JsonValue } from './types';

export interface UserAttribute {
	name: string;
	type?: string;
	value?: { scalar_value?: JsonValue } | null;
	[key: string]: JsonValue;
}

/** One conversation turn; `author` is `"them"` for the bot, else the user id. */
export interface ExportInteraction {
	author?: string;
	type?: string;
	date?: string;
	text?: string;
	data?: JsonValue;
	[key: string]: JsonValue;
}

export interface ExportUserRecord {
	chatbot_user_data?: ChatbotUserData;
	user_attributes?: UserAttribute[];
	interactions?: ExportInteraction[];
	[key: string]: JsonValue;
}

/** `GET /public/api/user-data-export`: `data` elements hold one key each, the user id. */
export interface UserDataExportResponse {
	data: Array<Record<string, ExportUserRecord>>;
	meta: {
		pagination: {
			currentPage: number;
			lastPage: number;
			perPage?: number;
			total?: number;
			from?: number | null;
			to?: number | null;
		};
		filters?: JsonValue;
	};
}

/** One user of the User Data Export, with the user id lifted into it. */
export interface ExportedUser extends ExportUserRecord {
	user_id: string;
	/** `user_attributes` as name → value, the form a CRM field mapping wants. */
	attributes: Record<string, JsonValue>;
}

/** A clickstream record; `properties`, `traits` and `context` arrive as JSON strings. */
export interface ClickstreamRecord {
	type: string;
	scenario_id?: string;
	anonymous_id?: string;
	user_id?: string;
	event?: string | null;
	name?: string | null;
	properties?: JsonValue;
	traits?: JsonValue;
	context?: JsonValue;
	message_id?: string;
	timestamp?: string;
	[key: string]: JsonValue;
}

export interface ExperimentRecord {
	scenario_id?: string;
	flag_name?: string;
	anonymous_user_id?: string;
	chatbot_user_id?: string;
	variant_assigned?: string;
	evaluation_context?: JsonValue;
	reason?: string;
	created_at?: string;
	[key: string]: JsonValue;
}

/** `GET /public/api/analytics-data-export`. */
export interface AnalyticsExportResponse {
	clickstream: {
		data: ClickstreamRecord[];
		current_page: number;
		last_page: number;
		per_page?: number;
		total?: number;
	};
	experiments?: ExperimentRecord[];
}
