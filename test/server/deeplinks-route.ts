import { randomUUID } from 'node:crypto';

export interface Scenario {
	id: string;
	alias: string;
}

export interface DeeplinkSettings {
	scenarios: Scenario[];
	maxDatasetRows: number;
	/** Whether the public endpoint accepts `scenario_alias` as the legacy one documents. */
	publicAcceptsAlias: boolean;
	shortLinkBase: string;
	/** A faulty workspace: answers the rows reversed, or repeats the first row's link. */
	answerOrder?: LinkAnswerOrder;
}

export type LinkAnswerOrder = 'as sent' | 'reversed' | 'first repeated';

export interface StoredLink {
	code: string;
	scenarioId: string;
	userId: string;
	attributes: Record<string, unknown>;
}

export type DeeplinkOutcome =
	| { status: 200; body: Array<{ user_id: string; url: string }>; links: StoredLink[] }
	| { status: 422; errors: Record<string, string[]> };

function isScalar(value: unknown): boolean {
	return ['string', 'number', 'boolean'].includes(typeof value);
}

function attributeErrors(attributes: unknown, prefix: string): Record<string, string[]> {
	if (attributes === undefined || attributes === null) {
		return { [prefix]: [`The ${prefix} field is required.`] };
	}
	if (typeof attributes !== 'object' || Array.isArray(attributes)) {
		return { [prefix]: [`The ${prefix} must be an array.`] };
	}
	const errors: Record<string, string[]> = {};
	for (const [name, value] of Object.entries(attributes as Record<string, unknown>)) {
		const valid = isScalar(value) || (Array.isArray(value) && value.every(isScalar));
		if (!valid)
			errors[`${prefix}.${name}`] = [
				`The ${prefix}.${name} must be a string, number, boolean or a list of them.`,
			];
	}
	return errors;
}

/** Validates the body as OpenDialog does, then issues one short link per dataset row. */
export function generateDeeplinks(
	body: unknown,
	generation: 'public' | 'legacy',
	settings: DeeplinkSettings,
	nextCode: () => string,
): DeeplinkOutcome {
	const errors: Record<string, string[]> = {};
	const input = (body ?? {}) as Record<string, unknown>;
	const aliasAllowed = generation === 'legacy' || settings.publicAcceptsAlias;
	let scenario: Scenario | undefined;
	if (typeof input.scenario_id === 'string' && input.scenario_id !== '') {
		scenario = settings.scenarios.find((candidate) => candidate.id === input.scenario_id);
		if (!scenario) errors.scenario_id = ['The selected scenario does not exist.'];
	} else if (
		aliasAllowed &&
		typeof input.scenario_alias === 'string' &&
		input.scenario_alias !== ''
	) {
		scenario = settings.scenarios.find((candidate) => candidate.alias === input.scenario_alias);
		if (!scenario) errors.scenario_alias = ['The selected scenario alias does not exist.'];
	} else {
		errors.scenario_id = [
			aliasAllowed
				? 'The scenario id field is required when scenario alias is not present.'
				: 'The scenario id field is required.',
		];
	}

	const dataset = input.dataset;
	if (!Array.isArray(dataset)) {
		errors.dataset = [
			dataset === undefined ? 'The dataset field is required.' : 'The dataset must be an array.',
		];
	} else if (dataset.length > settings.maxDatasetRows) {
		errors.dataset = [`Maximum number of users is ${settings.maxDatasetRows}`];
	} else if (dataset.length === 0) {
		errors.dataset = ['The dataset field is required.'];
	} else {
		dataset.forEach((row: unknown, index: number) => {
			const prefix = `dataset.${index}`;
			if (!row || typeof row !== 'object' || Array.isArray(row)) {
				errors[prefix] = [`The ${prefix} must be an array.`];
				return;
			}
			const { user_id: userId, attributes } = row as Record<string, unknown>;
			if (userId !== undefined && userId !== null && typeof userId !== 'string') {
				errors[`${prefix}.user_id`] = [`The ${prefix}.user_id must be a string.`];
			}
			Object.assign(errors, attributeErrors(attributes, `${prefix}.attributes`));
		});
	}
	if (Object.keys(errors).length > 0 || !scenario || !Array.isArray(dataset)) {
		return { status: 422, errors };
	}

	const links = dataset.map((row: Record<string, unknown>) => {
		const userId =
			typeof row.user_id === 'string' && row.user_id !== '' ? row.user_id : randomUUID();
		return {
			code: nextCode(),
			scenarioId: scenario.id,
			userId,
			attributes: row.attributes as Record<string, unknown>,
		};
	});
	const answer = links.map((link) => ({
		user_id: link.userId,
		url: `${settings.shortLinkBase}/${link.code}`,
	}));
	if (settings.answerOrder === 'reversed') answer.reverse();
	if (settings.answerOrder === 'first repeated') answer.fill(answer[0], 1, 2);
	return { status: 200, body: answer, links };
}
