/** The server sent nothing for the whole idle timeout, in the middle of an answer. */
export class StalledError extends Error {
	constructor(readonly timeoutMs: number) {
		super(`Nothing arrived for ${timeoutMs} ms`);
		this.name = 'StalledError';
	}
}

/**
 * Passes a streamed body through, failing with StalledError when no chunk arrives for
 * `timeoutMs`. A streamed answer has no request timeout of its own once headers are in, so
 * without this a server that stops mid-body leaves the node waiting for ever. The wait is
 * per chunk, not for the whole body: a large answer that keeps coming is never cut.
 */
export async function* withIdleTimeout<T>(
	body: AsyncIterable<T>,
	timeoutMs: number,
): AsyncGenerator<T> {
	const iterator = body[Symbol.asyncIterator]();
	let finished = false;
	try {
		for (;;) {
			const result = await nextWithin(iterator, timeoutMs);
			if (result.done) {
				finished = true;
				return;
			}
			yield result.value;
		}
	} finally {
		// Stop the download when the reader gave up or the server stalled.
		if (!finished) {
			(body as { destroy?: () => void }).destroy?.();
			void Promise.resolve(iterator.return?.()).catch(() => undefined);
		}
	}
}

/**
 * The iterator's next chunk, or StalledError after `timeoutMs`. An abort signal rather than a
 * timer: node code in n8n may not use timer globals. Its listener is removed as soon as the
 * chunk arrives; left in place, each pending signal kept its chunk reachable, so a body read
 * within the timeout stayed in memory whole until a full garbage collection.
 */
function nextWithin<T>(iterator: AsyncIterator<T>, timeoutMs: number): Promise<IteratorResult<T>> {
	const signal = AbortSignal.timeout(timeoutMs);
	return new Promise((resolve, reject) => {
		const stalled = () => reject(new StalledError(timeoutMs));
		signal.addEventListener('abort', stalled, { once: true });
		// Handled either way: after a stall, destroying the stream rejects this read too.
		iterator.next().then(
			(result) => {
				signal.removeEventListener('abort', stalled);
				resolve(result);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', stalled);
				reject(error);
			},
		);
	});
}
