import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { readFilters } from '../shared/items/filters';
import { InputError } from '../shared/items/input-error';
import { groupInteractionsByUser, toInteractionItems } from '../shared/api/interactions';
import { fetchInteractionWindows } from '../shared/api/interactions-api';
import { getConnection } from '../shared/transport/request';
import type { UserInteractions } from '../shared/api/types';
import {
	mostRecent,
	planPoll,
	selectNewInteractions,
	type PollRange,
	type PollState,
} from './cursor';
import { DEFAULT_OVERLAP_SECONDS, triggerProperties } from './description';

const MANUAL_SAMPLE_SECONDS = 86_400;
const MANUAL_SAMPLE_USERS = 10;

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
		const connection = await getConnection(this);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const overlap = Math.max(Number(options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) || 0, 0);
		let filters: Record<string, string>;
		try {
			filters = readFilters(
				this.getNodeParameter('filters', {}) as IDataObject,
				connection.apiVersion,
			);
		} catch (error) {
			const { message, description } = error as InputError;
			throw new NodeOperationError(this.getNode(), message, { description });
		}
		const now = Math.floor(Date.now() / 1000);
		const fetchUsers = async (range: PollRange) =>
			groupInteractionsByUser(
				await fetchInteractionWindows(
					this,
					connection,
					[
						{
							from: DateTime.fromSeconds(range.from, { zone: 'utc' }),
							to: DateTime.fromSeconds(range.to, { zone: 'utc' }),
						},
					],
					filters,
				),
				{ sortByDate: true },
			);

		let users: UserInteractions[];
		if (this.getMode() === 'manual') {
			users = mostRecent(
				await fetchUsers({ from: now - MANUAL_SAMPLE_SECONDS, to: now }),
				MANUAL_SAMPLE_USERS,
			);
		} else {
			const state = this.getWorkflowStaticData('node') as PollState;
			const range = planPoll(state, now, overlap);
			if (!range) {
				// First activation: start from now rather than flooding the workflow with history.
				Object.assign(state, { cursor: now, seen: {} });
				return null;
			}
			// A failed fetch throws here, before the cursor moves: the next poll retries the range.
			const selected = selectNewInteractions(await fetchUsers(range), state, range, overlap);
			Object.assign(state, selected.nextState);
			users = selected.users;
		}
		if (users.length === 0) return null;
		const records: IDataObject[] =
			this.getNodeParameter('outputMode') === 'perInteraction' ? toInteractionItems(users) : users;
		return [this.helpers.returnJsonArray(records)];
	}
}
