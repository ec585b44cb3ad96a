/**
 * Parses an Interaction API body, `{ "data": [ {...}, {...} ] }`, from a byte stream one
 * element of `data` at a time. A large workspace answers with hundreds of megabytes in one
 * body (the API has no pagination); parsed this way the body never sits in memory as one
 * string beside its parsed form. The complete elements of each chunk go to one JSON.parse
 * call together: one call per element costs twice as much as parsing the body whole.
 *
 * Finding where elements end costs more than parsing them when every byte is scanned, so once
 * the first user is known a chunk is cut before the last user it starts, found with
 * Buffer.lastIndexOf, and JSON.parse is the check: the bytes since the last cut parse as a list
 * only if the cut falls between two users. Chunks where that fails are scanned byte by byte
 * (string contents skipped with Buffer.indexOf), and no cut is tried again until the scan has
 * passed the end of an element: a user holding the bytes that open a user (interaction data
 * such as `{"chatbot_user_data":…}`) would otherwise have every chunk re-parse it from its start.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
/** Between two elements of `data` as compact JSON writes it: `…},{"<user id>":…`. */
const ELEMENT_SEPARATOR = Buffer.from(',{"');
/** How much of a body that is not JSON an error quotes (an HTML page, a proxy's message). */
const REJECTED_TEXT_CHARACTERS = 2000;
/** Enough bytes for that many characters, whatever their UTF-8 length. */
const REJECTED_TEXT_BYTES = REJECTED_TEXT_CHARACTERS * 4;

/** The body ended before its JSON did: the connection was cut on the way. */
export class TruncatedBodyError extends Error {
	constructor() {
		super('The answer ended before its JSON was complete');
	}
}

/** The body was not a JSON object: its text is kept (up to a limit) for the error message. */
export class NotAJsonObjectError extends Error {
	constructor(readonly text: string) {
		super('The answer is not a JSON object');
	}
}

/**
 * The start of a body that is not a JSON object (a web page, a proxy's message), kept for the
 * error; the rest is dropped, so such a body costs a few kilobytes whatever its size.
 */
class RejectedBody {
	private readonly parts: Buffer[] = [];

	private bytes = 0;

	started = false;

	/** As much is kept as an error quotes: the rest changes nothing and need not be read. */
	get full(): boolean {
		return this.bytes >= REJECTED_TEXT_BYTES;
	}

	keep(chunk: Buffer): void {
		this.started = true;
		const part = chunk.subarray(0, Math.max(REJECTED_TEXT_BYTES - this.bytes, 0));
		if (part.length === 0) return;
		this.parts.push(part);
		this.bytes += part.length;
	}

	text(): string {
		return Buffer.concat(this.parts).toString('utf8').slice(0, REJECTED_TEXT_CHARACTERS);
	}
}

export class DataArrayParser {
	readonly data: unknown[] = [];

	private depth = 0;

	private started = false;

	private inString = false;

	/** Backslashes just before the end of the previous chunk, inside a string. */
	private pendingBackslashes = 0;

	/** Strings at depth 1 are keys (or values) of the top-level object: kept to find "data". */
	private topLevelString: Buffer[] | undefined;

	private stringStart = 0;

	private lastTopLevelString = '';

	private currentKey = '';

	private inData = false;

	private sawData = false;

	/** Bytes of `data` after the last element handed to JSON.parse, from earlier chunks. */
	private pending: Buffer[] = [];

	private readonly rejected = new RejectedBody();

	/** How each user record opens, `":{"<its first key>":`, learnt from the first user. */
	private userOpening: Buffer | undefined;

	/** After a cut, `pending` is not scanned yet: the scan state is that of its start. */
	private scanBehind = false;

	/** A cut failed inside the element now pending: none is tried until the scan passes its end. */
	private cutsPaused = false;

	write(chunk: Buffer): void {
		if (this.rejected.started) {
			this.rejected.keep(chunk);
			return;
		}
		if (this.inData && this.userOpening && !this.cutsPaused && this.cutBeforeLastUser(chunk))
			return;
		this.catchUp();
		this.scan(chunk);
	}

	/** The body is not a JSON object, and as much of it as an error quotes is kept. */
	get rejectedInFull(): boolean {
		return this.rejected.full;
	}

	/**
	 * Parses the pending bytes and the chunk up to the start of its last user, if that parses.
	 * When a candidate does not parse, cuts pause until the scan finds the element's end.
	 */
	private cutBeforeLastUser(chunk: Buffer): boolean {
		const opening = chunk.lastIndexOf(this.userOpening!);
		const separator = opening > 0 ? chunk.lastIndexOf(ELEMENT_SEPARATOR, opening) : -1;
		if (separator < 0) return false;
		if (!this.tryParseElements(chunk.subarray(0, separator))) {
			this.cutsPaused = true;
			return false;
		}
		this.pending = [chunk.subarray(separator + 1)];
		// Between two elements of `data`: the scan, when needed again, starts from here.
		this.depth = 2;
		this.inString = false;
		this.pendingBackslashes = 0;
		this.scanBehind = true;
		return true;
	}

	/** Scans the bytes a cut left unscanned, so the scan state matches the bytes read. */
	private catchUp(): void {
		if (!this.scanBehind) return;
		this.scanBehind = false;
		const behind = this.pending;
		this.pending = [];
		for (const part of behind) this.scan(part);
	}

	private scan(chunk: Buffer): void {
		let i = 0;
		if (!this.started) {
			while (i < chunk.length && chunk[i] <= 0x20) i++;
			if (i === chunk.length) return;
			if (chunk[i] !== OPEN_OBJECT) {
				this.rejected.keep(chunk.subarray(i));
				return;
			}
			this.started = true;
		}
		// Where this chunk's unparsed part of `data` starts, and the last comma between elements.
		let batchStart = this.inData ? 0 : -1;
		let lastComma = -1;
		const n = chunk.length;
		while (i < n) {
			if (this.inString) {
				i = this.skipString(chunk, i);
				continue;
			}
			const byte = chunk[i];
			if (byte === QUOTE) {
				this.inString = true;
				this.pendingBackslashes = 0;
				if (this.depth === 1) {
					this.topLevelString = [];
					this.stringStart = i + 1;
				}
			} else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
				this.depth++;
				if (this.depth === 2 && byte === OPEN_ARRAY && this.currentKey === 'data') {
					this.inData = true;
					this.sawData = true;
					batchStart = i + 1;
				}
			} else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
				if (this.inData && this.depth === 2) {
					this.parseElements(chunk.subarray(batchStart, i));
					this.inData = false;
					this.cutsPaused = false;
					lastComma = -1;
				}
				this.depth--;
			} else if (byte === COMMA) {
				if (this.inData && this.depth === 2) {
					lastComma = i;
					// Between two elements: what is pending from here on is one element's start.
					this.cutsPaused = false;
				} else if (this.depth === 1) this.currentKey = '';
			} else if (byte === COLON && this.depth === 1) {
				this.currentKey = this.lastTopLevelString;
			}
			i++;
		}
		if (this.inData) {
			if (lastComma >= 0) {
				this.parseElements(chunk.subarray(batchStart, lastComma));
				batchStart = lastComma + 1;
			}
			if (batchStart < n) this.pending.push(chunk.subarray(batchStart));
		}
		if (this.inString && this.topLevelString) {
			this.topLevelString.push(chunk.subarray(this.stringStart));
			this.stringStart = 0;
		}
	}

	/** Returns the index just after the string's closing quote, or the chunk's end. */
	private skipString(chunk: Buffer, from: number): number {
		let i = from;
		for (;;) {
			const quote = chunk.indexOf(QUOTE, i);
			if (quote === -1) {
				let trailing = 0;
				for (let j = chunk.length - 1; j >= i && chunk[j] === BACKSLASH; j--) trailing++;
				this.pendingBackslashes =
					trailing === chunk.length - i ? this.pendingBackslashes + trailing : trailing;
				return chunk.length;
			}
			let backslashes = 0;
			for (let j = quote - 1; j >= i && chunk[j] === BACKSLASH; j--) backslashes++;
			if (backslashes === quote - i) backslashes += this.pendingBackslashes;
			this.pendingBackslashes = 0;
			if (backslashes % 2 === 1) {
				i = quote + 1;
				continue;
			}
			this.inString = false;
			if (this.topLevelString) {
				this.topLevelString.push(chunk.subarray(this.stringStart, quote));
				this.lastTopLevelString = Buffer.concat(this.topLevelString).toString('utf8');
				this.topLevelString = undefined;
			}
			return quote + 1;
		}
	}

	/** Parses the pending bytes plus `tail`: whole elements separated by commas. */
	private parseElements(tail: Buffer): void {
		this.addElements(this.pendingWith(tail));
	}

	/** As parseElements, but leaves everything as it was when the bytes do not parse. */
	private tryParseElements(tail: Buffer): boolean {
		let elements: unknown[];
		try {
			elements = this.pendingWith(tail);
		} catch {
			return false;
		}
		this.addElements(elements);
		return true;
	}

	private pendingWith(tail: Buffer): unknown[] {
		const parts = this.pending.length === 0 ? tail : Buffer.concat([...this.pending, tail]);
		return JSON.parse(`[${parts.toString('utf8')}]`) as unknown[];
	}

	private addElements(elements: unknown[]): void {
		this.pending = [];
		// A loop, not push(...elements): one large chunk can hold more elements than the stack.
		for (const element of elements) this.data.push(element);
		if (!this.userOpening && elements.length > 0) this.userOpening = userOpeningOf(elements[0]);
	}

	/**
	 * The parsed `{ data }`, or `{}` for an object without a data list (the caller checks the
	 * shape); throws if the body was not a complete JSON object.
	 */
	end(): { data?: unknown[] } {
		this.catchUp();
		if (!this.started) throw new NotAJsonObjectError(this.rejected.text());
		if (this.depth !== 0 || this.inString) throw new TruncatedBodyError();
		return this.sawData ? { data: this.data } : {};
	}
}

/** `":{"<first key>":` for a `{ "<user id>": { "<first key>": … } }` element, as JSON writes it. */
function userOpeningOf(element: unknown): Buffer | undefined {
	if (element === null || typeof element !== 'object' || Array.isArray(element)) return undefined;
	const [record] = Object.values(element);
	if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
	const [firstKey] = Object.keys(record);
	return firstKey === undefined ? undefined : Buffer.from(`":{${JSON.stringify(firstKey)}:`);
}

/**
 * Below this, a body whose length the server announced is read whole and given to one
 * JSON.parse; above it, the peak memory of a string beside its parsed form outweighs the time
 * saved. A body of unannounced length is parsed as it arrives, which costs about the same
 * CPU and overlaps the download.
 */
export const WHOLE_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

export async function parseDataStream(
	body: AsyncIterable<Buffer | string>,
	contentLength?: number,
): Promise<{ data?: unknown[] }> {
	const reader =
		contentLength !== undefined && contentLength <= WHOLE_BODY_LIMIT_BYTES
			? new WholeBodyReader(contentLength)
			: new DataArrayParser();
	for await (const chunk of body) {
		reader.write(toBuffer(chunk));
		// Leaving the loop stops the download: a web page of any size costs a few kilobytes.
		if (reader.rejectedInFull) break;
	}
	return reader.end();
}

function toBuffer(chunk: Buffer | string): Buffer {
	return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/**
 * The same answers and errors as DataArrayParser, for a body read whole. Once its first byte
 * says it is a JSON object, the bytes are copied into one buffer of the announced length as
 * they arrive, while the rest is still on the way, rather than joined after the last one.
 */
class WholeBodyReader {
	private bytes: Buffer | undefined;

	private received = 0;

	/** Blank bytes before the body's first one: read, but not kept. */
	private skipped = 0;

	private readonly rejected = new RejectedBody();

	constructor(private readonly contentLength: number) {}

	get rejectedInFull(): boolean {
		return this.rejected.full;
	}

	write(part: Buffer): void {
		if (!this.bytes && !this.rejected.started) {
			const first = part.findIndex((byte) => byte > 0x20);
			if (first === -1) {
				this.skipped += part.length;
				return;
			}
			if (part[first] !== OPEN_OBJECT) {
				this.rejected.keep(part.subarray(first));
				return;
			}
			this.bytes = Buffer.allocUnsafe(this.contentLength);
		}
		if (this.rejected.started) {
			this.rejected.keep(part);
			return;
		}
		// More than announced (a decompressed answer): grow rather than lose the rest.
		if (this.received + part.length > this.bytes!.length)
			this.bytes = Buffer.concat(
				[this.bytes!.subarray(0, this.received)],
				(this.received + part.length) * 2,
			);
		part.copy(this.bytes!, this.received);
		this.received += part.length;
	}

	end(): { data?: unknown[] } {
		if (!this.bytes) throw new NotAJsonObjectError(this.rejected.text());
		// Fewer bytes than announced: the connection was cut.
		if (this.skipped + this.received < this.contentLength) throw new TruncatedBodyError();
		const parsed = JSON.parse(this.bytes.toString('utf8', 0, this.received)) as {
			data?: unknown;
		};
		return Array.isArray(parsed.data) ? { data: parsed.data } : {};
	}
}

/** The first `limitBytes` of a body as text; the rest is not read (leaving stops the download). */
export async function readTextStart(
	body: AsyncIterable<Buffer | string>,
	limitBytes: number,
): Promise<string> {
	const parts: Buffer[] = [];
	let bytes = 0;
	for await (const chunk of body) {
		const part = toBuffer(chunk).subarray(0, limitBytes - bytes);
		parts.push(part);
		bytes += part.length;
		if (bytes >= limitBytes) break;
	}
	return Buffer.concat(parts).toString('utf8');
}
