/**
 * What a failed Chat API call means and how to fix it. Pure: the caller wraps the result in
 * an n8n error. The app key is scrubbed out of everything that leaves.
 */
import {
	parseFieldErrors,
	type FailedResponse,
	type FailureDescription,
} from '../transport/failures';
import { redactDeep } from '../transport/redact';
import type { ChatGeneration } from './types';

export const GENERATION_NAMES: Record<ChatGeneration, string> = {
	v1: 'Self-Hosted Open Source 1.x',
	v2: 'Cloud Before 3.0',
	v3: 'Cloud 3.0 and Later',
};

const KEY_HINT =
	"Check the App Key in the OpenDialog Chat API credential: it is the appKey of the scenario's webchat embed code (Interface Settings). The Public API token is a different key and does not work here.";

function serverMessage(body: unknown): string | undefined {
	const message = (body as { message?: unknown } | null)?.message;
	return typeof message === 'string' && message.trim() !== '' ? message.trim() : undefined;
}

function describe(
	call: FailedResponse,
	generation: ChatGeneration,
	sending: string | undefined,
): {
	message: string;
	description: string;
	fieldErrors?: Record<string, string[]>;
} {
	const { statusCode, body } = call;
	const url = `${call.baseUrl}${call.path}`;
	const said = serverMessage(body);
	const saidSuffix = said ? ` OpenDialog said: "${said}".` : '';
	const what = sending ? ` on ${sending}` : '';
	if (statusCode >= 200 && statusCode < 300)
		return {
			message: 'OpenDialog answered with a web page instead of chat messages',
			description: `${url} did not answer like the OpenDialog Chat API. Check the credential's Chat Base URL (the "url" of the webchat embed code) and API Generation.`,
		};
	if (statusCode >= 300 && statusCode < 400)
		return {
			message: `OpenDialog redirected the request (${statusCode}) instead of answering it`,
			description: `${url} redirected to ${call.location ?? 'another page'}. Check the Chat Base URL (use https) and the API Generation.`,
		};
	if (statusCode === 401 || statusCode === 403) {
		const anonymous =
			generation === 'v3'
				? " If the scenario uses Anonymous Authentication, this user's token may have expired: a new User ID starts a new conversation."
				: '';
		return {
			message: `OpenDialog rejected the chat App Key (${statusCode})`,
			description: `${KEY_HINT}${anonymous}${saidSuffix}`,
		};
	}
	if (statusCode === 404)
		return {
			message: `No OpenDialog Chat API at this address for "${GENERATION_NAMES[generation]}" (404)`,
			description: `${url} does not exist. Check the credential's Chat Base URL, then its API Generation: cloud workspaces since June 2025 use "Cloud 3.0 and Later".`,
		};
	if (statusCode === 419)
		return {
			message: "OpenDialog wants a browser's CSRF token (419)",
			description:
				"The scenario has CSRF protection on, which only a browser can satisfy. Turn it off in the scenario's Security Settings; the app key still protects the API.",
		};
	if (statusCode === 422) {
		const fieldErrors = parseFieldErrors(body);
		const listed = Object.entries(fieldErrors).map(
			([field, messages]) => `${field}: ${messages.join(' ')}`,
		);
		const headers = Object.keys(fieldErrors).some((field) => field.startsWith('OPENDIALOG-'))
			? " OPENDIALOG-USER-ID comes from the User ID parameter, OPENDIALOG-SCENARIO-ID from the credential's Scenario ID."
			: '';
		return {
			message: `OpenDialog rejected the message${what}: ${listed.length > 0 ? listed.join('; ') : (said ?? 'invalid data')}`,
			description: `Fix the field named above and run the node again.${headers}`,
			fieldErrors,
		};
	}
	if (statusCode === 429 || statusCode === 503)
		return {
			message: `OpenDialog was still ${statusCode === 429 ? 'rate-limiting' : 'unavailable'} after ${call.attempts} attempts (${statusCode})`,
			description: `The request was retried with backoff. Send fewer messages at once, or try again later.${saidSuffix}`,
		};
	if (statusCode >= 500)
		return {
			message: `OpenDialog failed${what} (${statusCode})`,
			description: `The message was not sent again: OpenDialog may have handled it before failing, and a retry could make the bot answer twice. Check the user's history, and the scenario's handling of this message.${saidSuffix}`,
		};
	return {
		message: `OpenDialog answered ${statusCode}${said ? `: ${said}` : ''}`,
		description: `Request to ${url} failed.`,
	};
}

/** A failed Chat API call in words; the app key and the user's token are scrubbed. */
export function describeChatFailure(
	failed: FailedResponse,
	generation: ChatGeneration,
	sending?: string,
): FailureDescription {
	const said = serverMessage(failed.body);
	const { message, description, fieldErrors } = describe(failed, generation, sending);
	return redactDeep(
		{
			message,
			description,
			details: {
				httpCode: String(failed.statusCode),
				url: `${failed.baseUrl}${failed.path}`,
				...(said ? { serverMessage: said } : {}),
				...(fieldErrors ? { errors: fieldErrors } : {}),
			},
			fieldErrors,
		},
		failed.secret,
	);
}
