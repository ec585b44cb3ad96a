import type { IDataObject } from 'n8n-workflow';

import { toInteractionItems, type UserInteractions } from '../shared/public-api/interactions';
import { InputError } from '../shared/errors/input-error';
import { simplifyUser } from './simplify';

export interface OutputShape {
	perInteraction: boolean;
	/** Most users to output; undefined outputs them all. */
	limit?: number;
	simplify: boolean;
}

export interface ShapedOutput {
	records: IDataObject[];
	totalUsers: number;
	shownUsers: number;
}

/** Checks Return All / Limit / Simplify as read from the node; a model may have chosen them. */
export function readOutputShape(input: {
	outputMode: unknown;
	returnAll: unknown;
	limit: unknown;
	simplify: unknown;
}): OutputShape {
	const perInteraction = input.outputMode === 'perInteraction';
	const shape: OutputShape = {
		perInteraction,
		simplify: !perInteraction && input.simplify === true,
	};
	if (input.returnAll === true) return shape;
	const limit = Number(input.limit);
	if (!Number.isInteger(limit) || limit < 1) {
		throw new InputError(
			`'Limit' must be a whole number of users, 1 or more, got ${JSON.stringify(input.limit)}`,
			"Use a number such as 50, or turn on 'Return All'.",
		);
	}
	return { ...shape, limit };
}

/** The first `limit` users, in full or simplified, per user or per interaction. */
export function shapeOutput(users: UserInteractions[], shape: OutputShape): ShapedOutput {
	const shown = shape.limit === undefined ? users : users.slice(0, shape.limit);
	let records: IDataObject[];
	if (shape.perInteraction) records = toInteractionItems(shown);
	else if (shape.simplify) records = shown.map(simplifyUser) as unknown as IDataObject[];
	else records = shown;
	return { records, totalUsers: users.length, shownUsers: shown.length };
}
