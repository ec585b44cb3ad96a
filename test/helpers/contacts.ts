import type { INodeExecutionData } from 'n8n-workflow';

/** Contacts whose fields take every shape a mapping meets: missing, null, numbers, lists, objects. */
export function fieldShapeContacts(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, n) => ({
		json: {
			email: `c${n}@example.com`,
			'first name': n % 5 === 0 ? null : `Contact ${n}`,
			...(n % 3 === 0 ? {} : { plan: n % 2 ? 'gold' : 7 }),
			score: n * 1.5,
			vip: n % 2 === 0,
			tags: ['a', n],
			address: n % 4 === 0 ? null : { city: `City ${n}`, lines: ['1 High St', n] },
			empty: '',
		},
	}));
}

/** `$json` reads of those fields, one per shape: a name with a space, lists, nesting, missing. */
export const FIELD_READS: Record<string, string> = {
	first: '$json["first name"]',
	plan: "$json['plan']",
	score: '$json.score',
	vip: '$json.vip',
	tags: '$json.tags',
	tag1: '$json.tags[1]',
	city: '$json.address.city',
	line0: '$json["address"].lines[0]',
	missing: '$json.missing',
	empty: '$json.empty',
};

/** The same contacts as a Code node's source, for workflows real n8n runs. */
export function fieldShapeContactsCode(count: number): string {
	return `return ${JSON.stringify(fieldShapeContacts(count))};`;
}
