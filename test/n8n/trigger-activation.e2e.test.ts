/**
 * The OpenDialog Trigger active in real n8n's server across a restart: what users said before
 * activation is never emitted; what arrives later is emitted once, even while n8n was down.
 */
import { exampleWorkflow } from '../helpers/examples';
import { useRealN8n } from '../helpers/n8n-fixture';
import { N8nServer } from '../helpers/n8n-server';

jest.setTimeout(600_000);

const fixture = useRealN8n();
let n8nServer: N8nServer | undefined;

afterAll(async () => {
	await n8nServer?.stopAndWait();
});

const claim = (user: string, text: string, secondsAgo = 0) => ({
	user_id: user,
	date: new Date(Date.now() - secondsAgo * 1000).toISOString(),
	text,
	chatbot_user_data: { email: `${user}@example.com`, custom: { selected_scenario: 'scn-claims' } },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the trigger has polled OpenDialog again (it polls every minute). */
async function nextPoll(deadline = Date.now() + 150_000): Promise<void> {
	const before = fixture.server.apiRequests('interactions').length;
	while (fixture.server.apiRequests('interactions').length === before) {
		if (Date.now() > deadline) throw new Error('the trigger did not poll again in time');
		await sleep(1000);
	}
	// Time for an execution the poll started to be recorded.
	await sleep(5000);
}

test('activated after users talked, the trigger emits only what arrives later — once, across a restart of n8n', async () => {
	// Stored one to two minutes before activation: inside the default 5-minute overlap.
	fixture.server.addMessages([
		claim('before-1', 'Said before activation, one', 120),
		claim('before-2', 'Said before activation, two', 100),
		claim('before-3', 'Said before activation, three', 80),
		claim('before-4', 'Said before activation, four', 60),
	]);
	n8nServer = await N8nServer.start(fixture.n8n);
	const created = await n8nServer.rest<{ id: string; versionId: string }>('POST', '/workflows', {
		...exampleWorkflow('trigger-to-crm.workflow.json'),
		id: undefined,
	});
	await n8nServer.rest('POST', `/workflows/${created.id}/activate`, {
		versionId: created.versionId,
	});
	await nextPoll();
	expect(await n8nServer.executions(created.id)).toEqual([]);

	await n8nServer.stopAndWait();
	n8nServer = undefined;
	fixture.server.addMessages([claim('after', 'Said while n8n was down')]);
	n8nServer = await N8nServer.start(fixture.n8n);

	// On start-up n8n activates the workflow again and polls right away.
	const [execution, ...others] = await n8nServer.waitForExecutions(created.id, 1);
	expect(others).toEqual([]);
	expect(execution.status).toBe('success');
	const { data } = await n8nServer.rest<{ data: string }>('GET', `/executions/${execution.id}`);
	expect(data).toContain('Chatted with the claims bot: Said while n8n was down');
	expect(data).not.toContain('before activation');

	await nextPoll();
	expect(await n8nServer.executions(created.id)).toHaveLength(1);
});
