import type { INodeProperties } from 'n8n-workflow';

import { InputError } from '../errors/input-error';

const DEFAULT_TIMEOUT_SECONDS = 60;

/** The same option in every node's Options, so all three wait the same way. */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_TIMEOUT_SECONDS,
	description:
		'How long to wait for OpenDialog to answer, and at most between two parts of a long answer, before giving up on the request',
};

/** Reads the option from a node's Options collection; absent means the default. */
export function readTimeoutMs(options: Record<string, unknown> | undefined): number {
	const value = options?.timeout;
	if (value === undefined || value === null || value === '') return DEFAULT_TIMEOUT_SECONDS * 1000;
	const seconds = Number(value);
	if (!Number.isFinite(seconds) || seconds <= 0) {
		throw new InputError(
			`'Timeout (Seconds)' must be a number above 0, got ${JSON.stringify(value)}`,
			`Use e.g. ${DEFAULT_TIMEOUT_SECONDS}: the number of seconds OpenDialog may stay silent before the request fails.`,
		);
	}
	return Math.round(seconds * 1000);
}
