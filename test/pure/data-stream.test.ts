import {
	DataArrayParser,
	NotAJsonObjectError,
	parseDataStream,
	readTextStart,
	WHOLE_BODY_LIMIT_BYTES,
} from '../../nodes/shared/transport/data-stream';

/** Feeds `text` in chunks of `size` bytes, so every structure gets split somewhere. */
function parseInChunks(text: string, size: number) {
	const bytes = Buffer.from(text, 'utf8');
	const parser = new DataArrayParser();
	for (let start = 0; start < bytes.length; start += size)
		parser.write(bytes.subarray(start, start + size));
	return parser.end();
}

const tricky = JSON.stringify({
	meta: { data: ['not this one'], note: 'a "data": [ key in a string' },
	data: [
		{
			u1: {
				text: 'quote " and backslash \\ and \\" both',
				braces: '{[}]',
				emoji: 'héllo 👋 日本',
				list: [1, [2, { a: ',' }]],
			},
		},
		{ 'user "2"': { interactions: [], empty: '', nested: { data: [1] } } },
		{ u3: { end: '\\\\' } },
	],
	after: { x: 1 },
});

describe('DataArrayParser', () => {
	test.each([1, 2, 3, 7, 64, 100_000])(
		'parses the data list exactly like JSON.parse, in chunks of %i bytes',
		(size) => {
			expect(parseInChunks(tricky, size)).toEqual({ data: JSON.parse(tricky).data });
		},
	);

	test('reads pretty-printed bodies and empty lists', () => {
		const pretty = JSON.stringify({ data: [{ a: { b: 1 } }, { c: {} }] }, null, 2);
		expect(parseInChunks(pretty, 5)).toEqual({ data: [{ a: { b: 1 } }, { c: {} }] });
		expect(parseInChunks('  {"data":[]}  ', 3)).toEqual({ data: [] });
	});

	test('refuses an HTML page, keeping its text for the error', () => {
		const error = (() => {
			try {
				parseInChunks('<!DOCTYPE html><html>Sign in</html>', 4);
			} catch (caught) {
				return caught as NotAJsonObjectError;
			}
			throw new Error('expected an error');
		})();
		expect(error).toBeInstanceOf(NotAJsonObjectError);
		expect(error.text).toBe('<!DOCTYPE html><html>Sign in</html>');
	});

	test('leaves the shape check to the caller when an object has no data list', () => {
		expect(parseInChunks('{"message":"ok"}', 4)).toEqual({});
		expect(parseInChunks('{"data":{"a":1}}', 4)).toEqual({});
	});

	test('refuses a body cut short', () => {
		expect(() => parseInChunks('{"data":[{"a":1},{"b"', 4)).toThrow(
			'The answer ended before its JSON was complete',
		);
		expect(() => parseInChunks('', 4)).toThrow(NotAJsonObjectError);
	});

	describe('cutting chunks before their last user', () => {
		/** Users shaped like OpenDialog's, with data that looks like a user record inside. */
		const users = Array.from({ length: 60 }, (_, n) => ({
			[`user-${n}`]: {
				chatbot_user_data: { name: `User ${n}`, note: 'a ",{" and a ":{"chatbot_user_data":' },
				interactions: [
					{ type: 'text', text: `},{"user-${n}":{"chatbot_user_data":{` },
					{ type: 'button', data: { chatbot_user_data: { nested: n % 3 === 0 } } },
				],
			},
		}));
		const body = JSON.stringify({ data: users, after: { data: [1] } });

		test.each([13, 97, 256, 1024, 4096])(
			'parses exactly like JSON.parse in chunks of %i bytes',
			(size) => {
				expect(parseInChunks(body, size)).toEqual({ data: users });
			},
		);

		test('falls back to scanning when users are not compact JSON', () => {
			const pretty = JSON.stringify({ data: users }, null, 1);
			expect(parseInChunks(pretty, 300)).toEqual({ data: users });
		});

		test('still refuses a body cut short after a cut', () => {
			expect(() => parseInChunks(body.slice(0, body.length / 2), 256)).toThrow(
				'The answer ended before its JSON was complete',
			);
		});
	});

	test('refuses a JSON list at the top level', () => {
		expect(() => parseInChunks('[{"data":[]}]', 4)).toThrow(NotAJsonObjectError);
	});
});

test('parseDataStream reads an async stream of chunks', async () => {
	async function* chunks() {
		yield Buffer.from('{"data":[{"a":');
		yield Buffer.from('1},{"b":2}]}');
	}
	expect(await parseDataStream(chunks())).toEqual({ data: [{ a: 1 }, { b: 2 }] });
});

describe('parseDataStream with an announced Content-Length (read whole)', () => {
	async function* chunksOf(text: string, size = 5) {
		const bytes = Buffer.from(text, 'utf8');
		for (let start = 0; start < bytes.length; start += size)
			yield bytes.subarray(start, start + size);
	}
	const lengthOf = (text: string) => Buffer.byteLength(text);

	test('gives the same data as the streaming parser', async () => {
		expect(await parseDataStream(chunksOf(tricky), lengthOf(tricky))).toEqual({
			data: JSON.parse(tricky).data,
		});
	});

	test('leaves the shape check to the caller when an object has no data list', async () => {
		const body = '{"data":{"a":1}}';
		expect(await parseDataStream(chunksOf(body), lengthOf(body))).toEqual({});
	});

	test('refuses an HTML page, keeping its text for the error', async () => {
		const page = '<html>Sign in</html>';
		await expect(parseDataStream(chunksOf(page), lengthOf(page))).rejects.toEqual(
			new NotAJsonObjectError(page),
		);
	});

	test('refuses a body shorter than announced', async () => {
		const cut = '{"data":[{"a":1},{"b"';
		await expect(parseDataStream(chunksOf(cut), lengthOf(cut) + 10)).rejects.toThrow(
			'The answer ended before its JSON was complete',
		);
	});

	test('keeps every byte of a body longer than announced (an answer decompressed on the way)', async () => {
		expect(await parseDataStream(chunksOf(tricky, 7), 10)).toEqual({
			data: JSON.parse(tricky).data,
		});
	});

	test('streams a body announced larger than the whole-body limit', async () => {
		const body = '{"data":[{"a":1}]}';
		expect(await parseDataStream(chunksOf(body), WHOLE_BODY_LIMIT_BYTES + 1)).toEqual({
			data: [{ a: 1 }],
		});
	});
});

describe('parseDataStream without a Content-Length', () => {
	async function* chunksOf(text: string, size = 5) {
		const bytes = Buffer.from(text, 'utf8');
		for (let start = 0; start < bytes.length; start += size)
			yield bytes.subarray(start, start + size);
	}

	test('gives the same data as the streaming parser', async () => {
		expect(await parseDataStream(chunksOf(tricky))).toEqual({ data: JSON.parse(tricky).data });
	});

	test('refuses an HTML page and a body cut short with the streaming parser’s errors', async () => {
		const page = '<html>Sign in</html>';
		await expect(parseDataStream(chunksOf(page))).rejects.toEqual(new NotAJsonObjectError(page));
		await expect(parseDataStream(chunksOf('{"data":[{"a":1},{"b"'))).rejects.toThrow(
			'The answer ended before its JSON was complete',
		);
	});

	test('hands an answer longer than the whole-body limit to the streaming parser', async () => {
		const user = { user_id: 'u', text: 'x'.repeat(1024 * 1024) };
		async function* large() {
			yield Buffer.from('{"data":[');
			for (let n = 0; n < 40; n++) yield Buffer.from(`${n ? ',' : ''}${JSON.stringify(user)}`);
			yield Buffer.from(']}');
		}
		const parsed = await parseDataStream(large());
		expect(parsed.data).toHaveLength(40);
		expect(parsed.data?.[39]).toEqual(user);
	});
});

describe('parse work stays linear in the body', () => {
	const CHUNK = 64 * 1024;

	/**
	 * A user whose interactions each hold `{"chatbot_user_data":…}` in their data: the same
	 * bytes that open a user record, nested inside one, about `megabytes` long.
	 */
	function userWithNestedOpenings(id: string, megabytes: number) {
		const interaction = {
			author: id,
			type: 'button',
			text: 'Yes please',
			data: { chatbot_user_data: { first_name: 'Ann', plan: 'gold' } },
		};
		const count = Math.ceil((megabytes * 1024 * 1024) / JSON.stringify(interaction).length);
		return {
			[id]: {
				chatbot_user_data: { first_name: 'Ann' },
				interactions: Array.from({ length: count }, () => interaction),
			},
		};
	}

	const small = (id: string) => ({ [id]: { chatbot_user_data: {}, interactions: [] } });

	/** Characters handed to JSON.parse while `work` runs, failed attempts included. */
	function charactersParsed(work: () => void): number {
		const parse = JSON.parse;
		let characters = 0;
		const spy = jest.spyOn(JSON, 'parse').mockImplementation((text: string, reviver) => {
			characters += text.length;
			return parse(text, reviver) as unknown;
		});
		try {
			work();
		} finally {
			spy.mockRestore();
		}
		return characters;
	}

	test('a 12.9 MB user with a nested user opening is parsed about once, not once per chunk', () => {
		const users = [small('u0'), userWithNestedOpenings('u1', 12.9), small('u2')];
		const body = Buffer.from(JSON.stringify({ data: users }));
		let parsed: { data?: unknown[] } = {};
		const characters = charactersParsed(() => {
			const parser = new DataArrayParser();
			for (let start = 0; start < body.length; start += CHUNK)
				parser.write(body.subarray(start, start + CHUNK));
			parsed = parser.end();
		});
		expect(parsed.data).toHaveLength(3);
		expect(parsed.data?.[1]).toEqual(users[1]);
		// Each byte parsed at most about twice (a failed cut, then the element): not re-parsed per chunk.
		expect(characters / body.length).toBeLessThan(3);
	});
});

describe('a body that is not JSON is not read to its end', () => {
	const CHUNK = 64 * 1024;
	const CHUNKS = 200;

	/** A 12.5 MB web page, counting the chunks taken from it. */
	function webPage() {
		const counter = { taken: 0 };
		async function* chunks() {
			yield Buffer.from('  <!DOCTYPE html><html><body>');
			for (let n = 0; n < CHUNKS; n++) {
				counter.taken++;
				yield Buffer.alloc(CHUNK, 'x');
			}
			yield Buffer.from('</body></html>');
		}
		return { counter, chunks: chunks() };
	}

	test.each([
		['streamed', undefined],
		['announced', CHUNKS * CHUNK + 100],
	])('%s: stops after the few kilobytes an error quotes', async (_, contentLength) => {
		const page = webPage();
		const error = await parseDataStream(page.chunks, contentLength).then(
			() => undefined,
			(caught: unknown) => caught as NotAJsonObjectError,
		);
		expect(page.counter.taken).toBeLessThanOrEqual(1);
		expect(error).toBeInstanceOf(NotAJsonObjectError);
		expect(error?.text.startsWith('<!DOCTYPE html><html><body>xxx')).toBe(true);
		expect(error?.text).toHaveLength(2000);
	});
});

test('readTextStart reads a body only up to its limit', async () => {
	let taken = 0;
	async function* errorPage() {
		for (let n = 0; n < 100; n++) {
			taken++;
			yield Buffer.alloc(1024, 'e');
		}
	}
	const text = await readTextStart(errorPage(), 2500);
	expect(text).toBe('e'.repeat(2500));
	expect(taken).toBe(3);
});
