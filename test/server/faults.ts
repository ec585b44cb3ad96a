/**
 * Transport faults of the local OpenDialog server: what a real network, proxy or overloaded
 * workspace does to an answer. `stall`, `drip` and `cut` act on the answer the server would
 * have sent; `silent` and the echoes replace it.
 */
import type { ServerResponse } from 'node:http';

export type TransportFaultKind =
	/** Status, headers and the first `afterBytes` of the answer, then silence (connection open). */
	| 'stall'
	/** The whole answer, `chunkBytes` at a time, one chunk every `intervalMs`. */
	| 'drip'
	/** The first `afterBytes` of the answer, then the connection is cut. */
	| 'cut'
	/** Reads the request and never answers. */
	| 'silent'
	/** Reads the request and closes the connection without a byte: the client sees a reset ("socket hang up"). */
	| 'reset'
	/** A 422 whose message, field key and field message quote the token (raw, percent-encoded, JSON-escaped). */
	| 'echo-validation'
	/** A 302 whose Location carries the token percent-encoded in lower-case hex. */
	| 'echo-redirect';

export interface TransportFault {
	kind: TransportFaultKind;
	afterBytes?: number;
	chunkBytes?: number;
	intervalMs?: number;
}

/** The token in lower-case percent-encoding, as some proxies re-encode it. */
export function lowerHexEncoded(text: string): string {
	return encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

/**
 * Applies a fault. Returns true when the fault has answered (or will never answer); false
 * when the server should go on and answer normally, through the fault's wrapped response.
 */
export function applyTransportFault(
	res: ServerResponse,
	fault: TransportFault,
	token: string,
	baseUrl: string,
): boolean {
	switch (fault.kind) {
		case 'silent':
			return true;
		case 'reset':
			res.socket?.destroy();
			return true;
		case 'echo-validation':
			echoValidation(res, token);
			return true;
		case 'echo-redirect':
			res.writeHead(302, {
				Location: `${baseUrl}/login?expired=${lowerHexEncoded(token)}`,
				'Content-Type': 'text/html; charset=UTF-8',
			});
			res.end(
				`<html><body>Redirecting to /login?expired=${encodeURIComponent(token)}</body></html>`,
			);
			return true;
		case 'stall':
			passThrough(res, fault.afterBytes ?? 0, () => undefined);
			return false;
		case 'cut':
			passThrough(res, fault.afterBytes ?? 0, () => res.socket?.destroy());
			return false;
		case 'drip':
			drip(res, fault.chunkBytes ?? 16, fault.intervalMs ?? 100);
			return false;
	}
}

function echoValidation(res: ServerResponse, token: string): void {
	const jsonEscaped = JSON.stringify(token).slice(1, -1);
	const body = {
		message: `The token ${token} is not allowed here (${encodeURIComponent(token)}).`,
		errors: {
			[`dataset.0.${token}`]: [`The field ${lowerHexEncoded(token)} is invalid.`],
			'dataset.0.attributes': [`Saw {"auth":"${jsonEscaped}"} in the request.`],
		},
	};
	const text = JSON.stringify(body);
	res.writeHead(422, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
	});
	res.end(text);
}

type Chunk = string | Uint8Array;

/** Replaces `res.write`/`res.end` so the answer's bytes go to `onData` and its end to `onEnd`. */
function interceptBody(
	res: ServerResponse,
	onData: (chunk: Buffer) => void,
	onEnd: () => void,
): { write: (chunk: Buffer) => void; end: () => void } {
	const write = res.write.bind(res) as (chunk: Buffer) => boolean;
	const end = res.end.bind(res) as () => ServerResponse;
	const toBuffer = (chunk: Chunk) =>
		typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
	res.write = ((chunk: Chunk) => {
		onData(toBuffer(chunk));
		return true;
	}) as typeof res.write;
	res.end = ((chunk?: Chunk | (() => void)) => {
		if (chunk && typeof chunk !== 'function') onData(toBuffer(chunk));
		onEnd();
		return res;
	}) as typeof res.end;
	return { write: (chunk) => void write(chunk), end: () => void end() };
}

/** Lets `limit` bytes through, then drops the rest and calls `then` once. */
function passThrough(res: ServerResponse, limit: number, then: () => void): void {
	let sent = 0;
	let done = false;
	const original = interceptBody(
		res,
		(chunk) => {
			if (done) return;
			const part = chunk.subarray(0, Math.max(limit - sent, 0));
			sent += part.length;
			if (part.length > 0) original.write(part);
			else res.flushHeaders();
			if (sent >= limit) {
				done = true;
				then();
			}
		},
		() => undefined,
	);
}

function drip(res: ServerResponse, chunkBytes: number, intervalMs: number): void {
	const parts: Buffer[] = [];
	const original = interceptBody(
		res,
		(chunk) => parts.push(chunk),
		() => {
			const body = Buffer.concat(parts);
			let offset = 0;
			const timer = setInterval(() => {
				if (offset >= body.length || res.destroyed) {
					clearInterval(timer);
					if (!res.destroyed) original.end();
					return;
				}
				original.write(body.subarray(offset, offset + chunkBytes));
				offset += chunkBytes;
			}, intervalMs);
		},
	);
}
