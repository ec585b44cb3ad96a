/** `GET /public/api/user-data-export`: every user's profile, attributes and whole conversation. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { DataExportContext } from './data-exports';
import { pageOf, readInteger } from './paging';
import { echoDate, parseServerDate } from './interactions-route';
import { sendJson, validationFailed } from './laravel';
import type { StoredMessage, UserInRange } from './tenant';

const DATE_FORMAT = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

interface UserAttribute {
	name: string;
	type: string;
	value: { scalar_value: string | number };
}

/** `first_seen` as epoch seconds, as OpenDialog documents it, then the profile's text fields. */
function userAttributes(user: UserInRange): UserAttribute[] {
	const firstSeen = Math.min(...user.messages.map((message) => message.date));
	const attributes: UserAttribute[] = [
		{ name: 'first_seen', type: 'timestamp', value: { scalar_value: firstSeen } },
	];
	for (const [name, value] of Object.entries(user.userData)) {
		if (typeof value === 'string')
			attributes.push({ name, type: 'string', value: { scalar_value: value } });
	}
	return attributes;
}

/** The user's turns and, after each text, the bot's answer (`author: "them"`). */
function conversation(user: UserInRange) {
	return user.messages.flatMap((message: StoredMessage) => {
		const turn = {
			author: user.userId,
			type: message.type,
			date: echoDate(message.date),
			text: message.text,
			data: message.data,
			request: null,
			response: null,
		};
		if (message.type !== 'text') return [turn];
		return [
			turn,
			{
				author: 'them',
				type: 'text',
				date: echoDate(message.date),
				text: `You said: ${message.text}`,
				data: null,
				request: null,
				response: null,
			},
		];
	});
}

export function handleUserDataExport(
	req: IncomingMessage,
	res: ServerResponse,
	query: URLSearchParams,
	context: DataExportContext,
): void {
	const errors: Record<string, string[]> = {};
	const exportType = query.get('exportType');
	if (!exportType) errors.exportType = ['The export type field is required.'];
	else if (exportType !== 'json') errors.exportType = ['The selected export type is invalid.'];
	const fromText = query.get('from') ?? '';
	const toText = query.get('to') ?? '';
	if (toText && !fromText) errors.from = ['The from field is required when to is present.'];
	if (fromText && !toText) errors.to = ['The to field is required when from is present.'];
	const perPage = readInteger(query, 'perPage', 'per page', { min: 1, fallback: 20 }, errors);
	const page = readInteger(query, 'page', 'page', { min: 1, fallback: 1 }, errors);
	if (Object.keys(errors).length > 0) {
		validationFailed(req, res, errors, context.baseUrl);
		return;
	}
	if ((fromText && !DATE_FORMAT.test(fromText)) || (toText && !DATE_FORMAT.test(toText))) {
		sendJson(res, 400, { message: 'Invalid date format. Use YYYY-MM-DD HH:MM:SS.' });
		return;
	}
	const from = fromText ? parseServerDate(fromText)! : -Infinity;
	const to = toText ? parseServerDate(toText)! : Infinity;

	const users = [...context.store.usersInRange(from, to)];
	const result = pageOf(users, page, perPage);
	sendJson(res, 200, {
		data: result.data.map((user) => ({
			[user.userId]: {
				chatbot_user_data: user.userData,
				user_attributes: userAttributes(user),
				interactions: conversation(user),
			},
		})),
		meta: {
			pagination: {
				currentPage: result.currentPage,
				from: result.from,
				lastPage: result.lastPage,
				perPage,
				to: result.to,
				total: users.length,
			},
			filters: { from: fromText || null, to: toText || null },
		},
	});
}
