import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export interface AttributePairsLabels {
	displayName: string;
	displayOptions: IDisplayOptions;
	namePlaceholder: string;
	valuePlaceholder: string;
	valueDescription?: string;
}

/**
 * The "Define Below" list of attribute name/value pairs. Both nodes read it as
 * `attributes.attribute`, so only the labels vary.
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
