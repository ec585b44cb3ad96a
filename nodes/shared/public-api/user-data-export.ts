/** OpenDialog's User Data Export: its shapes, its pages → one record per user, and the fetch. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { isObject, type JsonValue } from '../json/json';
import type { PublicApiConnection } from './connection';
import { requestExportPage, SHAPE_HINT, type ExportRequest } from './data-export';
import type { ChatbotUserData } from './interactions';
import { collectPages, hasPageNumbers, pageSizeFor, type Page } from './pagination';

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

export function assertUserDataExportResponse(
	body: unknown,
): asserts body is UserDataExportResponse {
	const pagination = isObject(body) && isObject(body.meta) ? body.meta.pagination : undefined;
	if (
		!isObject(body) ||
		!Array.isArray(body.data) ||
		!isObject(pagination) ||
		!hasPageNumbers(pagination.currentPage, pagination.lastPage)
	) {
		throw new Error(
			`OpenDialog's User Data Export answered without the expected "data" list and "meta.pagination"; ${SHAPE_HINT}`,
		);
	}
}

/** `user_attributes` as name → scalar value; a later attribute of the same name wins. */
function attributesByName(record: ExportUserRecord): Record<string, JsonValue> {
	const attributes: Record<string, JsonValue> = {};
	if (!Array.isArray(record.user_attributes)) return attributes;
	for (const attribute of record.user_attributes) {
		if (!isObject(attribute) || typeof attribute.name !== 'string') continue;
		const value = attribute.value;
		attributes[attribute.name] = isObject(value) ? (value.scalar_value as JsonValue) : value;
	}
	return attributes;
}

/** One record per user, the user id lifted into it, in the order OpenDialog sent them. */
export function readUserDataPage(body: UserDataExportResponse): Page<ExportedUser> {
	const records: ExportedUser[] = [];
	for (const entry of body.data) {
		if (!isObject(entry)) continue;
		for (const [userId, record] of Object.entries(entry as Record<string, ExportUserRecord>)) {
			const user = isObject(record) ? record : {};
			records.push({ user_id: userId, ...user, attributes: attributesByName(user) });
		}
	}
	const { currentPage, lastPage } = body.meta.pagination;
	return { records, currentPage, lastPage };
}

/** Every user of the User Data Export (or the first `limit`), one record each. */
export async function fetchUserDataExport(
	context: IExecuteFunctions,
	connection: PublicApiConnection,
	request: ExportRequest,
): Promise<ExportedUser[]> {
	const perPage = pageSizeFor(request.limit, request.pageSize);
	return await collectPages(
		async (page) => {
			const body = await requestExportPage(
				context,
				connection,
				'userDataExport',
				{ exportType: 'json', ...request.qs, perPage, page },
				request.itemIndex,
			);
			assertUserDataExportResponse(body);
			return readUserDataPage(body);
		},
		{ limit: request.limit, startPage: request.startPage, keyOf: (user) => user.user_id },
	);
}
