import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fetchAnalyticsExport } from '../shared/public-api/analytics-data-export';
import { fetchUserDataExport } from '../shared/public-api/user-data-export';
import type { ItemParameterReader } from '../shared/parameters/item-parameters';
import type { PublicApiConnection } from '../shared/public-api/connection';
import { ANALYTICS_MAX_PAGE_SIZE, USER_DATA_MAX_PAGE_SIZE } from './description';
import {
	buildAnalyticsExportQuery,
	buildUserDataExportQuery,
	readLimit,
	readPageSize,
	readStartPage,
} from './queries';

/** One input item's export: reads its parameters, follows every page, returns the records. */
export async function fetchExportRecords(
	context: IExecuteFunctions,
	connection: PublicApiConnection,
	parameter: ItemParameterReader,
	itemIndex: number,
): Promise<IDataObject[]> {
	const resource = parameter<string>('resource', itemIndex);
	const limit = readLimit(
		parameter<boolean>('returnAll', itemIndex, false),
		parameter<number>('limit', itemIndex, 50),
	);
	const options = parameter<IDataObject>('options', itemIndex, {});
	const startPage = readStartPage(options.startPage);
	const timezone = context.getTimezone();

	if (resource === 'userDataExport') {
		return await fetchUserDataExport(context, connection, {
			qs: buildUserDataExportQuery({ from: options.from, to: options.to, timezone }),
			limit,
			pageSize: readPageSize(options.pageSize ?? 100, USER_DATA_MAX_PAGE_SIZE),
			startPage,
			itemIndex,
		});
	}

	const filters = parameter<IDataObject>('filters', itemIndex, {});
	const includeFlagData = options.includeFlagData === true;
	const { records, experiments } = await fetchAnalyticsExport(context, connection, {
		qs: buildAnalyticsExportQuery({
			scenarioId: parameter<string>('scenarioId', itemIndex, ''),
			startDate: filters.startDate,
			endDate: filters.endDate,
			chatbotUserId: filters.chatbotUserId,
			includeFlagData,
			timezone,
		}),
		limit,
		pageSize: readPageSize(options.pageSize ?? 500, ANALYTICS_MAX_PAGE_SIZE),
		startPage,
		decodeJsonFields: options.decodeJsonFields !== false,
		itemIndex,
	});
	if (!includeFlagData) return records;
	const output: IDataObject[] = records;
	for (const experiment of experiments) output.push({ type: 'experiment', ...experiment });
	return output;
}
