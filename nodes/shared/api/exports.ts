/** Turns data export pages into output records. Pure: plain data in, plain data out. */
import type {
	AnalyticsExportResponse,
	ClickstreamRecord,
	ExperimentRecord,
	ExportedUser,
	ExportUserRecord,
	UserDataExportResponse,
} from './export-types';
import type { Page } from './pagination';
import type { JsonValue } from './types';

/** The clickstream fields OpenDialog sends as JSON-encoded strings. */
export const JSON_STRING_FIELDS = ['properties', 'traits', 'context'] as const;

const SHAPE_HINT = "check the credential's Base URL: it should be your OpenDialog workspace";

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPageNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** Laravel says 1 for an empty result; 0 is read the same way rather than refused. */
function isLastPage(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function assertUserDataExportResponse(
	body: unknown,
): asserts body is UserDataExportResponse {
	const pagination = isObject(body) && isObject(body.meta) ? body.meta.pagination : undefined;
	if (
		!isObject(body) ||
		!Array.isArray(body.data) ||
		!isObject(pagination) ||
		!isPageNumber(pagination.currentPage) ||
		!isLastPage(pagination.lastPage)
	) {
		throw new Error(
			`OpenDialog's User Data Export answered without the expected "data" list and "meta.pagination"; ${SHAPE_HINT}`,
		);
	}
}

export function assertAnalyticsExportResponse(
	body: unknown,
): asserts body is AnalyticsExportResponse {
	const clickstream = isObject(body) ? body.clickstream : undefined;
	if (
		!isObject(clickstream) ||
		!Array.isArray(clickstream.data) ||
		!isPageNumber(clickstream.current_page) ||
		!isLastPage(clickstream.last_page)
	) {
		throw new Error(
			`OpenDialog's Analytics Data Export answered without the expected "clickstream" page; ${SHAPE_HINT}`,
		);
	}
}

/** `user_attributes` as name → scalar value; a later attribute of the same name wins. */
export function attributesByName(record: ExportUserRecord): Record<string, JsonValue> {
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

/** The decoded value of a JSON string; anything else (or text that is not JSON) as it came. */
export function decodeJsonString(value: JsonValue): JsonValue {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as JsonValue;
	} catch {
		return value;
	}
}

export function decodeClickstreamRecord(record: ClickstreamRecord): ClickstreamRecord {
	const decoded: ClickstreamRecord = { ...record };
	for (const field of JSON_STRING_FIELDS) {
		if (field in decoded) decoded[field] = decodeJsonString(decoded[field]);
	}
	return decoded;
}

export interface AnalyticsPage extends Page<ClickstreamRecord> {
	experiments: ExperimentRecord[];
}

export function readAnalyticsPage(
	body: AnalyticsExportResponse,
	decodeJsonFields: boolean,
): AnalyticsPage {
	const { data, current_page, last_page } = body.clickstream;
	const records = data.filter(isObject) as ClickstreamRecord[];
	return {
		records: decodeJsonFields ? records.map(decodeClickstreamRecord) : records,
		currentPage: current_page,
		lastPage: last_page,
		experiments: Array.isArray(body.experiments)
			? (body.experiments.filter(isObject) as ExperimentRecord[])
			: [],
	};
}
