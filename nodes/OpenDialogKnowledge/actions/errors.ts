/** A copy of an error, so that each item it fails can be named in its own copy's message. */
export function copyError(error: unknown): unknown {
	if (!(error instanceof Error)) return error;
	const copy = Object.assign(
		Object.create(Object.getPrototypeOf(error) as object),
		error,
	) as Error & {
		context?: object;
	};
	copy.message = error.message;
	copy.stack = error.stack;
	const { context } = error as { context?: object };
	if (context) copy.context = { ...context };
	return copy;
}
