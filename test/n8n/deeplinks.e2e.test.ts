import { exampleWorkflow } from '../helpers/examples';
import { nodeItems } from '../helpers/real-n8n';
import { useRealN8n } from '../helpers/n8n-fixture';

jest.setTimeout(300_000);

const fixture = useRealN8n();

test('CRM contacts → Generate Webchat Deeplinks → SMS: each contact gets its own link (README example)', async () => {
	await fixture.n8n.importWorkflow(exampleWorkflow('crm-contacts-to-deeplinks.workflow.json'));
	const result = await fixture.n8n.execute('odExampleDeeplinks');
	// Judged by the printed run: n8n can crash while exiting after printing a complete one.
	expect(result.run).toBeDefined();
	expect(result.run?.data.resultData.error).toBeUndefined();

	const [request, ...more] = fixture.server.apiRequests('deeplinks');
	expect(more).toHaveLength(0);
	expect(request.body).toEqual({
		scenario_id: 'scn-renewal',
		dataset: [
			{
				user_id: 'ann@example.com',
				attributes: { first_name: 'Ann', email: 'ann@example.com', policies: ['Home', 'Car'] },
			},
			{
				user_id: 'ben@example.com',
				attributes: { first_name: 'Ben', email: 'ben@example.com', policies: ['Travel'] },
			},
			{
				user_id: 'cat@example.com',
				attributes: { first_name: 'Cat', email: 'cat@example.com', policies: [] },
			},
		],
	});

	const messages = nodeItems(result.run, 'Compose SMS').map((item) => item.json);
	expect(messages.map((message) => message.to)).toEqual([
		'+447700900001',
		'+447700900002',
		'+447700900003',
	]);
	for (const [index, message] of messages.entries()) {
		const code = /\/s\/(\w+)$/.exec(String(message.message))?.[1];
		const link = fixture.server.links.get(code ?? '');
		expect(link?.userId).toBe(['ann@example.com', 'ben@example.com', 'cat@example.com'][index]);
		expect(message.message).toMatch(
			new RegExp(`^Hi ${['Ann', 'Ben', 'Cat'][index]}, your renewal is due`),
		);
	}
});

test('Get Interactions → Generate Webchat Deeplinks → email: recent chatters get a follow-up link (README example)', async () => {
	const recent = new Date(Date.now() - 3_600_000).toISOString();
	fixture.server.addMessages([
		{
			user_id: 'visitor-1',
			date: recent,
			text: 'How do I make a claim?',
			chatbot_user_data: {
				first_name: 'Dee',
				email: 'dee@example.com',
				custom: { selected_scenario: 'scn-claims' },
			},
		},
		{
			user_id: 'visitor-2',
			date: recent,
			text: 'Other scenario',
			chatbot_user_data: {
				first_name: 'Eve',
				email: 'eve@example.com',
				custom: { selected_scenario: 'scn-welcome' },
			},
		},
	]);
	await fixture.n8n.importWorkflow(exampleWorkflow('follow-up-recent-chatters.workflow.json'));
	const result = await fixture.n8n.execute('odExampleFollowUp');
	// Judged by the printed run: n8n can crash while exiting after printing a complete one.
	expect(result.run).toBeDefined();
	expect(result.run?.data.resultData.error).toBeUndefined();

	const emails = nodeItems(result.run, 'Compose Email').map((item) => item.json);
	expect(emails).toHaveLength(1);
	expect(emails[0]).toMatchObject({
		to: 'dee@example.com',
		subject: 'Picking up where we left off',
	});
	const code = /\/s\/(\w+)$/.exec(String(emails[0].body))?.[1];
	expect(fixture.server.links.get(code ?? '')).toMatchObject({
		scenarioId: 'scn-renewal',
		userId: 'visitor-1',
		attributes: {
			first_name: 'Dee',
			email: 'dee@example.com',
			last_topic: 'How do I make a claim?',
		},
	});
});

test('the Get Interactions example runs as the README shows it', async () => {
	fixture.server.addMessages([
		{
			user_id: 'visitor-3',
			date: new Date(Date.now() - 60_000).toISOString(),
			text: 'Hi',
			chatbot_user_data: { email: 'fay@example.com' },
		},
	]);
	await fixture.n8n.importWorkflow(exampleWorkflow('get-interactions.workflow.json'));
	const result = await fixture.n8n.execute('odExampleInteractions');
	// Judged by the printed run: n8n can crash while exiting after printing a complete one.
	expect(result.run).toBeDefined();
	expect(result.run?.data.resultData.error).toBeUndefined();
	const summaries = nodeItems(result.run, 'Summarise For CRM').map((item) => item.json);
	expect(summaries).toContainEqual({
		contactEmail: 'fay@example.com',
		messages: 1,
		lastMessage: 'Hi',
	});
});
