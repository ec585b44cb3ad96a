import { NodeOperationError } from 'n8n-workflow';

import { OpenDialogTrigger } from '../../nodes/OpenDialogTrigger/OpenDialogTrigger.node';
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

function trigger(
	parameters: Record<string, unknown> = {},
	apiVersion: 'public' | 'legacy' = 'public',
) {
	return pollingTrigger({
		node: new OpenDialogTrigger(),
		parameters: { outputMode: 'perUser', options: { overlapSeconds: 60 }, ...parameters },
		credentials: od.credentials(apiVersion),
	});
}

const said = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map((item) => [
		item.json.user_id,
		(item.json.interactions as Array<{ text: string }>).map((i) => i.text),
	]);

describe('OpenDialog Trigger', () => {
	test('the first activation starts from now: what users said before it is never emitted, what arrives after it is', async () => {
		od.server.addMessages([
			{ user_id: 'old', date: at(-3600), text: 'an hour before activation' },
			{ user_id: 'recent', date: at(-30), text: 'inside the overlap before activation' },
		]);
		const openDialog = trigger();
		expect(await openDialog.poll()).toEqual([]);
		expect(openDialog.staticData()).toMatchObject({ cursor: START / 1000 });

		// Stored after activation, one with a time a little before it.
		od.server.addMessages([
			{ user_id: 'late', date: at(-20), text: 'stored late with an earlier time' },
			{ user_id: 'new', date: at(10), text: 'after activation' },
		]);
		clock = START + 60_000;
		expect(said(await openDialog.poll())).toEqual([
			['late', ['stored late with an earlier time']],
			['new', ['after activation']],
		]);
		clock = START + 120_000;
		expect(await openDialog.poll()).toEqual([]);
		// The activation read only the overlap before it, once.
		expect(od.server.apiRequests('interactions')[0].query).toEqual({
			from: '2024-05-01 11:59:00',
			to: '2024-05-01 12:00:00',
		});
	});

	test('raising the Overlap option between polls emits nothing twice', async () => {
		const openDialog = trigger();
		await openDialog.poll();
		od.server.addMessages([{ user_id: 'ann', date: at(30), text: 'once' }]);
		clock = START + 300_000;
		expect(said(await openDialog.poll())).toEqual([['ann', ['once']]]);
		openDialog.setParameters({ options: { overlapSeconds: 3600 } });
		clock = START + 360_000;
		expect(await openDialog.poll()).toEqual([]);
		expect(od.server.apiRequests('interactions').at(-1)?.query).toEqual({
			from: '2024-05-01 12:04:00',
			to: '2024-05-01 12:06:00',
		});
	});

	test('across polls emits each new interaction once, including edges and late arrivals', async () => {
		const openDialog = trigger();
		await openDialog.poll();

		od.server.addMessages([
			{ user_id: 'ann', date: at(10), text: 'hello' },
			{ user_id: 'ann', date: at(60), text: 'on the edge of poll 1' },
		]);
		clock = START + 60_000;
		expect(said(await openDialog.poll())).toEqual([['ann', ['hello', 'on the edge of poll 1']]]);

		od.server.addMessages([
			{ user_id: 'ann', date: at(60), text: 'same second, after the poll' },
			{ user_id: 'ben', date: at(45), text: 'stored late with an earlier time' },
			{ user_id: 'ann', date: at(90), text: 'later' },
		]);
		clock = START + 120_000;
		expect(said(await openDialog.poll())).toEqual([
			['ann', ['same second, after the poll', 'later']],
			['ben', ['stored late with an earlier time']],
		]);

		clock = START + 180_000;
		expect(await openDialog.poll()).toEqual([]);
		expect(od.server.apiRequests('interactions').map((request) => request.query)).toEqual([
			{ from: '2024-05-01 11:59:00', to: '2024-05-01 12:00:00' },
			{ from: '2024-05-01 11:59:00', to: '2024-05-01 12:01:00' },
			{ from: '2024-05-01 12:00:00', to: '2024-05-01 12:02:00' },
			{ from: '2024-05-01 12:01:00', to: '2024-05-01 12:03:00' },
		]);
	});

	test('a self-hosted workspace writing zone-less dates in its own time (UTC−5) gets each interaction once', async () => {
		od.server.reset({ zonelessDatesOffsetMinutes: -300 });
		const openDialog = trigger();
		await openDialog.poll();
		od.server.addMessages([{ user_id: 'ann', date: at(50), text: 'hello from New York' }]);
		clock = START + 60_000;
		expect(said(await openDialog.poll())).toEqual([['ann', ['hello from New York']]]);
		// The next poll re-reads the overlap, and OpenDialog returns the interaction again.
		clock = START + 90_000;
		expect(await openDialog.poll()).toEqual([]);
		expect(od.server.apiRequests('interactions').at(-1)?.query).toMatchObject({
			from: '2024-05-01 12:00:00',
		});
	});

	test('emits one item per interaction when asked, with the public filters applied', async () => {
		const openDialog = trigger({
			outputMode: 'perInteraction',
			filters: { selectedScenario: 'scn-claims' },
		});
		await openDialog.poll();
		od.server.addMessages([
			{
				user_id: 'ann',
				date: at(5),
				text: 'claim',
				chatbot_user_data: { custom: { selected_scenario: 'scn-claims' } },
			},
			{
				user_id: 'ben',
				date: at(6),
				text: 'other',
				chatbot_user_data: { custom: { selected_scenario: 'scn-welcome' } },
			},
		]);
		clock = START + 30_000;
		const items = await openDialog.poll();
		expect(items.map((item) => item.json)).toEqual([
			{
				user_id: 'ann',
				type: 'text',
				date: '2024-05-01T12:00:05.000000Z',
				text: 'claim',
				data: null,
			},
		]);
		expect(od.server.apiRequests('interactions')[0].query).toMatchObject({
			selected_scenario: 'scn-claims',
		});
	});

	test('works on the legacy API', async () => {
		const openDialog = trigger({}, 'legacy');
		await openDialog.poll();
		od.server.addMessages([{ user_id: 'ann', date: at(5), text: 'legacy hello' }]);
		clock = START + 30_000;
		expect(said(await openDialog.poll())).toEqual([['ann', ['legacy hello']]]);
		expect(od.server.apiRequests('interactions')[0].path).toBe('/api/user-interactions');
	});

	test('filters on the legacy API stop the poll before any request, saying how to fix it', async () => {
		const openDialog = trigger({ filters: { selectedScenario: 'scn-claims' } }, 'legacy');
		const error = await openDialog.poll().catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error).toMatchObject({
			message: 'Filters need the public OpenDialog API',
			description: expect.stringContaining("Set the credential's API Version to Public"),
		});
		expect(od.server.apiRequests()).toHaveLength(0);
	});

	test('a failed poll raises a clear error and does not move the cursor', async () => {
		const openDialog = trigger();
		await openDialog.poll();
		od.server.addMessages([{ user_id: 'ann', date: at(20), text: 'kept for the next poll' }]);
		clock = START + 60_000;
		od.server.injectFaults({ status: 503, retryAfter: 0, times: 6 });
		await expect(openDialog.poll()).rejects.toThrow(
			'OpenDialog failed with a server error (503) 6 times in a row',
		);
		expect(openDialog.staticData()).toMatchObject({ cursor: START / 1000 });

		clock = START + 120_000;
		expect(said(await openDialog.poll())).toEqual([['ann', ['kept for the next poll']]]);
	});

	test('a rejected token raises the token error, from the first activation on', async () => {
		const openDialog = pollingTrigger({
			node: new OpenDialogTrigger(),
			parameters: { outputMode: 'perUser' },
			credentials: { ...od.credentials(), apiToken: 'bad-token-0000' },
		});
		await expect(openDialog.poll()).rejects.toThrow(/rejected the API token/);
		expect(openDialog.staticData()).toEqual({});
	});

	test('a manual test run returns the most recent interactions and leaves the cursor alone', async () => {
		od.server.addMessages([
			{ user_id: 'earlier', date: at(-7200), text: 'two hours ago' },
			{ user_id: 'recent', date: at(-60), text: 'a minute ago' },
		]);
		const openDialog = trigger();
		expect(said(await openDialog.poll('manual'))).toEqual([
			['recent', ['a minute ago']],
			['earlier', ['two hours ago']],
		]);
		expect(openDialog.staticData()).toEqual({});
	});
});
