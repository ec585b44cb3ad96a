import { OpenDialogTrigger } from '../../nodes/OpenDialogTrigger/OpenDialogTrigger.node';
import type { PollState } from '../../nodes/OpenDialogTrigger/cursor';
import { useLocalOpenDialog } from '../helpers/local-server';
import { pollingTrigger } from '../helpers/run-node';

const od = useLocalOpenDialog();
const START = Date.UTC(2024, 4, 1, 12, 0, 0);
let clock = START;
const at = (offsetSeconds: number) => new Date(START + offsetSeconds * 1000).toISOString();

beforeEach(() => {
	clock = START;
	jest.spyOn(Date, 'now').mockImplementation(() => clock);
});
afterEach(() => jest.restoreAllMocks());

function trigger(options: Record<string, unknown> = {}) {
	return pollingTrigger({
		node: new OpenDialogTrigger(),
		parameters: { outputMode: 'perInteraction', options: { overlapSeconds: 60, ...options } },
		credentials: od.credentials(),
	});
}

const texts = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map((item) => String(item.json.text));

describe('OpenDialog Trigger under faults', () => {
	test('overlapping polls: a poll that starts while a slow one runs emits nothing twice and the cursor never moves back', async () => {
		const openDialog = trigger();
		await openDialog.poll();
		od.server.addMessages([{ user_id: 'ann', date: at(10), text: 'once' }]);
		clock = START + 60_000;
		// The first poll's answer is slow (a retry, a busy workspace).
		od.server.injectFaults({ path: 'user-interactions', delayMs: 400 });
		const slow = openDialog.poll();
		clock = START + 120_000;
		const overlapping = await openDialog.poll();
		const late = await slow;
		const emitted = [...texts(late), ...texts(overlapping)];
		expect(emitted).toEqual(['once']);
		const cursorAfterSlow = (openDialog.staticData() as PollState).cursor!;

		od.server.addMessages([{ user_id: 'ann', date: at(150), text: 'next' }]);
		clock = START + 180_000;
		expect(texts(await openDialog.poll())).toEqual(['next']);
		expect((openDialog.staticData() as PollState).cursor).toBeGreaterThanOrEqual(cursorAfterSlow);
	});

	test('after an outage on a workspace that cannot answer long ranges, catches up window by window and emits everything once', async () => {
		od.server.configure({ maxRangeSeconds: 2 * 3600 });
		const openDialog = trigger({ windowMinutes: 60 });
		await openDialog.poll();
		const hours = [1, 5, 13, 30, 47];
		od.server.addMessages(
			hours.map((hour) => ({ user_id: `u${hour}`, date: at(hour * 3600), text: `hour ${hour}` })),
		);
		// An outage: the poll fails and the cursor stays.
		clock = START + 3600_000;
		od.server.injectFaults({
			path: 'user-interactions',
			status: 401,
			body: '{"message":"Unauthenticated."}',
		});
		await expect(openDialog.poll()).rejects.toThrow();
		expect((openDialog.staticData() as PollState).cursor).toBe(START / 1000);

		// Back after two days: each poll fetches at most 24 one-hour windows and moves on.
		clock = START + 48 * 3600_000;
		const emitted: string[] = [];
		const cursors: number[] = [];
		for (let poll = 0; poll < 3; poll++) {
			emitted.push(...texts(await openDialog.poll()));
			cursors.push((openDialog.staticData() as PollState).cursor!);
		}
		expect(emitted).toEqual(hours.map((hour) => `hour ${hour}`));
		expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
		expect(cursors.at(-1)).toBe(clock / 1000);
		const asked = od.server.apiRequests('interactions').filter((request) => request.status === 200);
		expect(asked.length).toBeGreaterThan(24);
		expect(od.server.apiRequests('interactions').every((request) => request.status !== 500)).toBe(
			true,
		);
	});

	test('a window failing mid catch-up keeps what earlier windows brought and resumes from there', async () => {
		const openDialog = trigger({ windowMinutes: 60 });
		await openDialog.poll();
		od.server.addMessages([
			{ user_id: 'a', date: at(1800), text: 'first hour' },
			{ user_id: 'b', date: at(3 * 3600), text: 'fourth hour' },
		]);
		clock = START + 5 * 3600_000;
		od.server.injectFaults({
			path: 'user-interactions',
			skip: 1,
			status: 401,
			body: '{"message":"Unauthenticated."}',
		});
		expect(texts(await openDialog.poll())).toEqual(['first hour']);
		const cursor = (openDialog.staticData() as PollState).cursor!;
		expect(cursor).toBeLessThan(clock / 1000);
		expect(cursor).toBeGreaterThanOrEqual(START / 1000 + 1800);
		expect(texts(await openDialog.poll())).toEqual(['fourth hour']);
		expect((openDialog.staticData() as PollState).cursor).toBe(clock / 1000);
	});

	test('an interaction with a null date is emitted once, not on every poll', async () => {
		const openDialog = trigger();
		await openDialog.poll();
		const body = JSON.stringify({
			data: [
				{
					odd: {
						chatbot_user_data: {},
						from: '',
						to: '',
						interactions: [{ type: 'text', date: null, text: 'undated', data: null }],
					},
				},
			],
		});
		for (const offset of [60, 120, 180]) {
			od.server.injectFaults({ path: 'user-interactions', status: 200, body });
			clock = START + offset * 1000;
			const items = await openDialog.poll();
			expect(texts(items)).toEqual(offset === 60 ? ['undated'] : []);
		}
	});

	test('a manual test run on a busy workspace reads only a short recent range', async () => {
		od.server.addMessages(
			Array.from({ length: 12 }, (_, index) => ({
				user_id: `busy-${index}`,
				date: at(-60 - index),
				text: 'recent',
			})),
		);
		const items = await trigger().poll('manual');
		expect(new Set(items.map((item) => item.json.user_id)).size).toBe(10);
		const [request, ...more] = od.server.apiRequests('interactions');
		expect(more).toHaveLength(0);
		expect(request.query).toMatchObject({ from: '2024-05-01 11:45:00', to: '2024-05-01 12:00:00' });
	});

	test('a manual test run widens the range until it finds a sample', async () => {
		od.server.addMessages([{ user_id: 'quiet', date: at(-5 * 3600), text: 'hours ago' }]);
		const items = await trigger().poll('manual');
		expect(texts(items)).toEqual(['hours ago']);
		expect(od.server.apiRequests('interactions')).toHaveLength(3);
	});
});
