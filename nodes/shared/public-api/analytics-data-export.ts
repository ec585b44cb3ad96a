/**
 * OpenDialog's Analytics Data Export: its shapes, its pages → clickstream records (and the
 * experiments that come with them), and the fetch.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { isObject, tryParseJson, type JsonValue } from '../json/json';
import type { PublicApiConnection } from './connection';
import { requestExportPage, SHAPE_HINT, type ExportRequest } from './data-export';
import { collectPages, hasPageNumbers, pageSizeFor, type Page } from './pagination';

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

/** The clickstream fields OpenDialog sends as JSON-encoded strings. */
const JSON_STRING_FIELDS = ['properties', 'traits', 'context'] as const;

export function assertAnalyticsExportResponse(
	body: unknown,
): asserts body is AnalyticsExportResponse {
	const clickstream = isObject(body) ? body.clickstream : undefined;
	if (
		!isObject(clickstream) ||
		!Array.isArray(clickstream.data) ||
		!hasPageNumbers(clickstream.current_page, clickstream.last_page)
	) {
		throw new Error(
			`OpenDialog's Analytics Data Export answered without the expected "clickstream" page; ${SHAPE_HINT}`,
		);
	}
}

/**
 * The decoded value of a JSON string; anything else as it came: text that is not JSON, and
 * text holding a number no double can hold (`1e400` decodes to Infinity, which n8n cannot store).
 */
export function decodeJsonString(value: JsonValue): JsonValue {
	if (typeof value !== 'string') return value;
	const parsed = tryParseJson(value);
	return parsed && isFiniteDeep(parsed.value) ? (parsed.value as JsonValue) : value;
}

/** Whether every number in a parsed JSON value is finite; a loop, as nesting may be deep. */
function isFiniteDeep(value: unknown): boolean {
	const pending = [value];
	while (pending.length > 0) {
		const next = pending.pop();
		if (typeof next === 'number' && !Number.isFinite(next)) return false;
		if (next !== null && typeof next === 'object')
			for (const v of Object.values(next)) pending.push(v);
	}
	return true;
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

export interface AnalyticsExport {
	records: ClickstreamRecord[];
	experiments: ExperimentRecord[];
}

/** Clickstream records of the Analytics Data Export and, when asked for, its experiments. */
export async function fetchAnalyticsExport(
	context: IExecuteFunctions,
	connection: PublicApiConnection,
	request: ExportRequest & { decodeJsonFields: boolean },
): Promise<AnalyticsExport> {
	const per_page = pageSizeFor(request.limit, request.pageSize);
	// Experiments may come with every page: each distinct one is kept once.
	const experiments = new Map<string, ExperimentRecord>();
	const records = await collectPages(
		async (page) => {
			const body = await requestExportPage(
				context,
				connection,
				'analyticsDataExport',
				{ ...request.qs, per_page, page },
				request.itemIndex,
			);
			assertAnalyticsExportResponse(body);
			const answer = readAnalyticsPage(body, request.decodeJsonFields);
			for (const experiment of answer.experiments) {
				experiments.set(JSON.stringify(experiment), experiment);
			}
			return answer;
		},
		{
			limit: request.limit,
			startPage: request.startPage,
			keyOf: (record) => record.message_id || undefined,
		},
	);
	return {
		records,
		experiments: [...experiments.values()].map((experiment) =>
			request.decodeJsonFields
				? {
						...experiment,
						evaluation_context: decodeJsonString(experiment.evaluation_context),
					}
				: experiment,
		),
	};
}
