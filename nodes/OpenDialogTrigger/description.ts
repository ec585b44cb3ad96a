import type { INodeProperties } from 'n8n-workflow';

import { filtersProperty } from '../shared/properties/filters';
import { outputModeProperty } from '../shared/properties/output-mode';
import { timeoutOption } from '../shared/properties/timeout-option';

export const DEFAULT_OVERLAP_SECONDS = 300;
export const DEFAULT_WINDOW_MINUTES = 60;

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"Each poll emits what users said since the previous poll. The first activation starts from now; a manual test run shows the last day's most recent interactions so you can map fields.",
		name: 'notice',
		type: 'notice',
		default: '',
	},
	outputModeProperty,
	filtersProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Longest Request (Minutes)',
				name: 'windowMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_WINDOW_MINUTES,
				description:
					'The longest range one request asks OpenDialog for. After an outage the trigger catches up in windows of this length, moving on after each one, at most 24 per poll.',
			},
			{
				displayName: 'Overlap (Seconds)',
				name: 'overlapSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_OVERLAP_SECONDS,
				description:
					'How far back each poll re-reads before the previous one, to catch interactions OpenDialog stores with a slightly earlier time. Already emitted interactions are never emitted again.',
			},
			timeoutOption,
		],
	},
];
