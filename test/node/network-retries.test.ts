/**
 * Reads survive the network's hiccups: a reset connection, a failed DNS look-up or a stalled
 * answer is retried within the run's retry budget. Writes are not sent again, and a cancelled
 * run stops waiting at once.
 */
import dns from 'node:dns';

import { OpenDialogDataExport } from '../../nodes/OpenDialogDataExport/OpenDialogDataExport.node';
import { OpenDialogGenerateWebchatDeeplinks } from '../../nodes/OpenDialogGenerateWebchatDeeplinks/OpenDialogGenerateWebchatDeeplinks.node';
import { OpenDialogGetInteractions } from '../../nodes/OpenDialogGetInteractions/OpenDialogGetInteractions.node';
import { useLocalOpenDialog } from '../helpers/local-server';
import { runNode, type RunNodeOptions } from '../helpers/run-node';
import type { TransportFault } from '../server/faults';

const od = useLocalOpenDialog();
jest.setTimeout(30_000);

const DAY = { from: '2024-05-01T00:00:00', to: '2024-05-01T23:59:59' };

beforeEach(() => {
	od.server.addMessages([
		{ user_id: 'ann', date: '2024-05-01 10:00:00', text: 'hello' },
		{ user_id: 'ben', date: '2024-05-01 11:00:00', text: 'hi' },
	]);
});

function fault(transport: TransportFault, path: string, times = 1) {
	od.server.injectFaults({ path, transport, times });
}

function getInteractions(extra: Partial<RunNodeOptions> = {}, timeout = 1) {
	return runNode({
		node: new OpenDialogGetInteractions(),
		parameters: { ...DAY, outputMode: 'perUser', options: { timeout, windowHours: 0 } },
		credentials: od.credentials(),
		...extra,
	});
}

const statuses = () => od.server.apiRequests().map((request) => request.status);

describe('reads are retried after a network failure', () => {
	test('a connection reset before any answer ("socket hang up") is retried', async () => {
		fault({ kind: 'reset' }, 'user-interactions');
		const run = await getInteractions();
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.user_id)).toEqual(['ann', 'ben']);
		// The reset request never got a status.
		expect(statuses()).toEqual([0, 200]);
	});

	test('a streamed answer cut halfway is read again from the start', async () => {
		fault({ kind: 'cut', afterBytes: 40 }, 'user-interactions');
		const run = await getInteractions();
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(2);
		expect(od.server.apiRequests()).toHaveLength(2);
	});

	test('an answer that stalls is asked for again after the timeout', async () => {
		fault({ kind: 'stall', afterBytes: 0 }, 'user-interactions');
		const run = await getInteractions();
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(2);
		expect(od.server.apiRequests()).toHaveLength(2);
	});

	test('a host name that fails to resolve once (EAI_AGAIN) is looked up again', async () => {
		const host = 'opendialog-workspace.test';
		const lookup = dns.lookup;
		let failures = 0;
		const spy = jest.spyOn(dns, 'lookup').mockImplementation(((
			hostname: string,
			options: unknown,
			callback: (...args: unknown[]) => void,
		) => {
			const done = typeof options === 'function' ? (options as typeof callback) : callback;
			if (hostname !== host)
				return (lookup as (...args: unknown[]) => void)(hostname, options, callback);
			if (failures++ === 0) {
				const error = Object.assign(new Error(`getaddrinfo EAI_AGAIN ${host}`), {
					code: 'EAI_AGAIN',
					hostname: host,
				});
				return process.nextTick(() => done(error));
			}
			const all = typeof options === 'object' && (options as { all?: boolean }).all;
			process.nextTick(() =>
				all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4),
			);
		}) as typeof dns.lookup);
		try {
			const credentials = {
				...od.credentials(),
				baseUrl: od.server.url.replace('127.0.0.1', host),
			};
			const run = await getInteractions({ credentials });
			expect(run.error).toBeUndefined();
			expect(run.items).toHaveLength(2);
			expect(failures).toBe(2);
		} finally {
			spy.mockRestore();
		}
	});

	test('a read that keeps failing stops within the retry budget and says how often it was sent', async () => {
		fault({ kind: 'reset' }, 'user-interactions', 100);
		const run = await getInteractions();
		// 1 s, then 2 s of backoff fit in five times the 1 s timeout; 4 s more would not.
		expect(od.server.apiRequests()).toHaveLength(3);
		expect(run.error?.message).toMatch(/^Could not reach OpenDialog|was cut/);
		expect(run.error?.description).toMatch(
			/Retries stopped early: .* The request was sent 3 times, with backoff in between\.$/,
		);
	});

	test('a refused connection (nothing listening) is not retried: it fails at once', async () => {
		const credentials = { ...od.credentials(), baseUrl: 'http://127.0.0.1:9' };
		const run = await getInteractions({ credentials });
		expect(run.error?.message).toMatch(/Could not reach OpenDialog at http:\/\/127\.0\.0\.1:9/);
		expect(run.error?.description).not.toMatch(/sent \d times/);
	});
});

describe('writes are not sent again after a network failure', () => {
	test('a deeplinks request whose connection is reset is not repeated', async () => {
		fault({ kind: 'reset' }, 'deep');
		const run = await runNode({
			node: new OpenDialogGenerateWebchatDeeplinks(),
			parameters: {
				scenarioBy: 'id',
				scenarioId: 'scn-welcome',
				userId: 'ann',
				attributesMode: 'defineBelow',
				attributes: { attribute: [{ name: 'first_name', value: 'Ann' }] },
				options: { timeout: 1 },
			},
			credentials: od.credentials(),
			continueOnFail: true,
		});
		expect(od.server.apiRequests('deeplinks')).toHaveLength(1);
		expect(String(run.items[0].json.error)).toMatch(/Could not reach OpenDialog|was cut/);
	});
});

describe('a cancelled run', () => {
	/** Settles once the server has answered a request with `status`. */
	function answered(status: number): Promise<void> {
		return new Promise((resolve) => {
			const check = setInterval(() => {
				if (!od.server.requests.some((request) => request.status === status)) return;
				clearInterval(check);
				resolve();
			}, 10);
		});
	}

	test('stops waiting for a retry at once, and sends nothing more', async () => {
		// Retry-After 60: without the cancel, the node would wait a minute, past this test's timeout.
		od.server.injectFaults({ path: 'user-data-export', status: 429, retryAfter: 60, times: 10 });
		await runNode({
			node: new OpenDialogDataExport(),
			parameters: { operation: 'getAll', resource: 'userDataExport', returnAll: true },
			credentials: od.credentials(),
			cancelWhen: answered(429),
		});
		expect(od.server.requests.map((request) => request.status)).toEqual([429]);
	});
});
