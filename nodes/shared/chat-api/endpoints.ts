import type { ChatGeneration } from './types';

export type ChatEndpoint = 'message' | 'history' | 'configuration';

/**
 * Paths per generation. v2 uses the later cloud names (the older `/incoming/webchat` and
 * `/webchat-config` answered the same); v1 and v2 put the user in the history path, v3 in
 * a header.
 */
const CHAT_PATHS: Record<ChatGeneration, Record<ChatEndpoint, (userId: string) => string>> = {
	v1: {
		message: () => '/incoming/webchat',
		history: (userId) => `/user/${encodeURIComponent(userId)}/history`,
		configuration: () => '/webchat-config',
	},
	v2: {
		message: () => '/incoming/chatApi',
		history: (userId) => `/user/${encodeURIComponent(userId)}/history`,
		configuration: () => '/chatApi-config',
	},
	v3: {
		message: () => '/chat-api/message',
		history: () => '/chat-api/history',
		configuration: () => '/chat-api/configuration',
	},
};

export function chatPath(
	generation: ChatGeneration,
	endpoint: ChatEndpoint,
	userId: string,
): string {
	return CHAT_PATHS[generation][endpoint](userId);
}

export function readGeneration(value: unknown): ChatGeneration {
	return value === 'v1' || value === 'v2' ? value : 'v3';
}

export interface ChatHeaderInput {
	generation: ChatGeneration;
	userId: string;
	scenarioId: string;
	/** The user's anonymous-authentication cookie (`name=value`), when OpenDialog issued one. */
	cookie?: string;
}

/**
 * A call's own headers, beside the transport's Accept and Authorization: v3 wants the user
 * and the scenario on every call, and the user's cookie once OpenDialog issued one.
 */
export function chatHeaders(input: ChatHeaderInput): Record<string, string> {
	const headers: Record<string, string> = {};
	if (input.generation === 'v3') {
		headers['OPENDIALOG-USER-ID'] = input.userId;
		headers['OPENDIALOG-SCENARIO-ID'] = input.scenarioId;
	}
	if (input.cookie) headers.Cookie = input.cookie;
	return headers;
}
