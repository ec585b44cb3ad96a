import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readFilters } from '../shared/properties/filters';
import { toNodeError } from '../shared/errors/item-errors';
import { toInteractionItems } from '../shared/public-api/interactions';
import { getConnection } from '../shared/public-api/connection';
import { DEFAULT_OVERLAP_SECONDS, DEFAULT_WINDOW_MINUTES, triggerProperties } from './description';
import { catchUpPoll, samplePoll, type PollSettings } from './polling';

export class OpenDialogTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenDialog Trigger',
		name: 'openDialogTrigger',
		icon: { light: 'file:opendialog.svg', dark: 'file:opendialog.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["outputMode"] === "perInteraction" ? "One item per interaction" : "One item per user" }}',
		description:
			'Starts the workflow when users talk to OpenDialog scenarios, with what they said since the last poll',
		defaults: { name: 'OpenDialog Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openDialogApi', required: true }],
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const connection = await getConnection(this, options);
		let filters: Record<string, string>;
		try {
			filters = readFilters(
				this.getNodeParameter('filters', {}) as IDataObject,
				connection.apiVersion,
			);
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
		const settings: PollSettings = {
			connection,
			filters,
			overlapSeconds: Math.max(Number(options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) || 0, 0),
			windowSeconds:
				Math.max(
					Number(options.windowMinutes ?? DEFAULT_WINDOW_MINUTES) || DEFAULT_WINDOW_MINUTES,
					1,
				) * 60,
		};
		const now = Math.floor(Date.now() / 1000);
		const users =
			this.getMode() === 'manual'
				? await samplePoll(this, settings, now)
				: await catchUpPoll(this, settings, now);
		if (users.length === 0) return null;
		const records: IDataObject[] =
			this.getNodeParameter('outputMode') === 'perInteraction' ? toInteractionItems(users) : users;
		return [this.helpers.returnJsonArray(records)];
	}
}
