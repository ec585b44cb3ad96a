import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { route } from './actions/router';
import { knowledgeProperties } from './description';
import { searchKnowledgeServices, searchTopics } from './methods/listSearch';

export class OpenDialogKnowledge implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenDialog Knowledge',
		name: 'openDialogKnowledge',
		icon: { light: 'file:opendialog.svg', dark: 'file:opendialog.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			"Keep an OpenDialog bot's knowledge current: knowledge services, topics and their sources (text, web pages, files), synced from any data n8n can read",
		defaults: { name: 'OpenDialog Knowledge' },
		// An agent can look topics up, add a note as a source, or start vectorisation.
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openDialogApi', required: true }],
		properties: knowledgeProperties,
	};

	methods = {
		listSearch: { searchKnowledgeServices, searchTopics },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this);
	}
}
