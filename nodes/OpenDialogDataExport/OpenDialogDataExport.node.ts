import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { explainDisabledExport, explainFailedPage } from '../shared/public-api/data-export';
import { PageFailedError } from '../shared/public-api/pagination';
import { errorItem, toItemError } from '../shared/errors/item-errors';
import { itemParameterReader } from '../shared/parameters/item-parameters';
import { getConnection } from '../shared/public-api/connection';
import { dataExportProperties } from './description';
import { fetchExportRecords } from './fetch-records';

export class OpenDialogDataExport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenDialog Data Export',
		name: 'openDialogDataExport',
		icon: { light: 'file:opendialog.svg', dark: 'file:opendialog.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle:
			'={{ $parameter["resource"] === "analyticsDataExport" ? "Analytics Data Export" : "User Data Export" }}',
		description:
			"Export OpenDialog's user data (profiles, attributes, whole conversations) and scenario analytics, following every page",
		defaults: { name: 'OpenDialog Data Export' },
		// Not an AI tool: a bulk export (every page, thousands of items) is no answer a model can
		// read; Get Interactions is the tool for looking users up.
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openDialogApi', required: true }],
		properties: dataExportProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const connection = await getConnection(
			this,
			this.getNodeParameter('options', 0, {}) as IDataObject,
		);
		const parameter = itemParameterReader(this);
		const continueOnFail = this.continueOnFail();
		const output: INodeExecutionData[] = [];

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const records = await fetchExportRecords(this, connection, parameter, itemIndex);
				// A loop, not push(...records): a large export would overflow the call stack.
				for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				const resource = parameter<string>('resource', itemIndex);
				const failedPage = error instanceof PageFailedError ? error : undefined;
				const cause = explainDisabledExport(failedPage ? failedPage.cause : error, resource);
				const itemError = toItemError(this, cause, itemIndex);
				if (failedPage) explainFailedPage(itemError, failedPage, resource, continueOnFail);
				if (!continueOnFail) throw itemError;
				// The pages read before the failure are kept: the export resumes after them.
				for (const json of failedPage?.records ?? [])
					output.push({ json: json as IDataObject, pairedItem: { item: itemIndex } });
				output.push(errorItem(itemError, itemIndex));
			}
		}
		return [output];
	}
}
