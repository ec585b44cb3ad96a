import type { INodeProperties } from 'n8n-workflow';

export const outputModeProperty: INodeProperties = {
	displayName: 'Output',
	name: 'outputMode',
	type: 'options',
	options: [
		{
			name: 'One Item per Interaction',
			value: 'perInteraction',
			description: "Each item holds one thing a user said or clicked, with the user's ID",
		},
		{
			name: 'One Item per User',
			value: 'perUser',
			description: "Each item holds a user's ID, profile and interactions",
		},
	],
	default: 'perUser',
};
