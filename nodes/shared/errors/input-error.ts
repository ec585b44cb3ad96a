/**
 * Invalid input found by pure code (no n8n imports there); nodes turn it into a
 * NodeOperationError that names the item.
 */
export class InputError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}
