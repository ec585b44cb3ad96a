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
			const next = iterator.next();
			// Once the stream is destroyed its pending read rejects; nobody waits for it then.
			next.catch(() => undefined);
			const result = await Promise.race([next, stalledAfter(timeoutMs)]);
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
 * Rejects with StalledError after `timeoutMs`. An abort signal rather than a timer: node code
 * in n8n may not use timer globals, and the signal's timer never keeps the process alive.
 */
function stalledAfter(timeoutMs: number): Promise<never> {
	const signal = AbortSignal.timeout(timeoutMs);
	return new Promise<never>((_resolve, reject) => {
		signal.addEventListener('abort', () => reject(new StalledError(timeoutMs)), { once: true });
	});
}
