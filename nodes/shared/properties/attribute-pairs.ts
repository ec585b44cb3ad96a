import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export interface AttributePairsLabels {
	displayName: string;
	displayOptions: IDisplayOptions;
	namePlaceholder: string;
	valuePlaceholder: string;
	valueDescription?: string;
}

/** One row of the "Define Below" list, as n8n hands it over. */
export interface AttributePair {
	name?: string;
	value?: unknown;
}

/** Where the list's rows are, for getNodeParameter: the property below builds this shape. */
export const ATTRIBUTE_PAIRS_PARAMETER = 'attributes.attribute';

/**
 * The "Define Below" list of attribute name/value pairs. Every node reads it at
 * ATTRIBUTE_PAIRS_PARAMETER, so only the labels vary.
 */
export function attributePairsProperty(labels: AttributePairsLabels): INodeProperties {
	return {
		displayName: labels.displayName,
		name: 'attributes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attribute',
		default: {},
		displayOptions: labels.displayOptions,
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: labels.namePlaceholder,
						description: 'Attribute name as the scenario knows it',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: labels.valuePlaceholder,
						...(labels.valueDescription ? { description: labels.valueDescription } : {}),
					},
				],
			},
		],
	};
}
