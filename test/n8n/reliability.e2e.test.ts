/**
 * Reliability in real n8n: a stalled answer fails within the Timeout option, a token echoed
 * back by OpenDialog reaches none of n8n's output, and a Base URL carrying a password makes
 * the credential's Test fail without sending anything to it.
 */
import { CREDENTIALS, useRealN8n } from '../helpers/n8n-fixture';
import { N8nServer } from '../helpers/n8n-server';
import { nodeItems } from '../helpers/real-n8n';
import { credentialRef, workflowWithBranches } from '../helpers/workflows';
import { lowerHexEncoded } from '../server/faults';

jest.setTimeout(300_000);

// A Sanctum-style token with characters that each encoding writes differently.
const TOKEN = '42|od"T0k/en+ 9\\x';
const fixture = useRealN8n({ token: TOKEN });

const tokenForms = () => [
	TOKEN,
	encodeURIComponent(TOKEN),
	lowerHexEncoded(TOKEN),
	JSON.stringify(TOKEN).slice(1, -1),
];

test('real n8n: a stalled answer fails after the Timeout and its retries, an echoed token is shown nowhere', async () => {
	fixture.server.addMessages([{ user_id: 'ann', date: '2024-05-01 09:00:00', text: 'hello' }]);
	fixture.server.injectFaults(
		// Every attempt stalls: a stalled read is retried while the run's retry budget lasts.
		{ path: 'user-interactions', transport: { kind: 'stall', afterBytes: 10 }, times: 100 },
		{ path: 'deep', transport: { kind: 'echo-validation' } },
	);
	await fixture.n8n.importWorkflow(
		workflowWithBranches('wf-reliability', [
			[
				{
					name: 'Stalled',
					type: 'n8n-nodes-opendialog.openDialogGetInteractions',
					parameters: {
						from: '2024-05-01T00:00:00',
						to: '2024-05-01T23:59:59',
						options: { timeout: 2 },
					},
					credentials: credentialRef(CREDENTIALS.public),
					onError: 'continueRegularOutput',
				},
			],
			[
				{
					name: 'Echoed',
					type: 'n8n-nodes-opendialog.openDialogGenerateWebchatDeeplinks',
					parameters: {
						scenarioId: 'scn-welcome',
						userId: 'ann',
						attributesMode: 'defineBelow',
						attributes: { attribute: [{ name: 'first_name', value: 'Ann' }] },
					},
					credentials: credentialRef(CREDENTIALS.public),
					onError: 'continueRegularOutput',
				},
			],
		]),
	);
	const result = await fixture.n8n.execute('wf-reliability');
	expect(nodeItems(result.run, 'Stalled').map((item) => item.json)).toEqual([
		{
			error: 'OpenDialog stopped answering after 2 s [item 0]',
			description: expect.stringMatching(/Timeout \(Seconds\)/),
		},
	]);
	const runData = result.run?.data.resultData.runData as Record<
		string,
		Array<{ executionTime: number }>
	>;
	// Attempts of 2 s and backoff waits, all within five times the 2 s Timeout, plus the last attempt.
	expect(runData.Stalled[0].executionTime).toBeLessThan(5 * 2_000 + 2_000 + 3_000);
	expect(nodeItems(result.run, 'Echoed').map((item) => item.json)).toEqual([
		expect.objectContaining({
			error: expect.stringMatching(/rejected this item/),
			httpCode: '422',
		}),
	]);
	const everything = `${result.stdout}\n${result.stderr}`;
	for (const form of tokenForms()) expect(everything).not.toContain(form);
});

test('real n8n: the credential Test fails on a Base URL with a password, sending nothing', async () => {
	const server = await N8nServer.start(fixture.n8n);
	try {
		const before = fixture.server.apiRequests().length;
		const result = await server.rest<{ status: string; message: string }>(
			'POST',
			'/credentials/test',
			{
				credentials: {
					id: CREDENTIALS.public,
					name: 'OpenDialog',
					type: 'openDialogApi',
					data: {
						baseUrl: fixture.server.url.replace('http://', 'http://admin:hunter2-secret@'),
						apiToken: TOKEN,
						apiVersion: 'public',
					},
				},
			},
		);
		expect(result.status).toBe('Error');
		// n8n words the failed look-up of the placeholder host itself (1.123: "incorrect host",
		// 2.x: "ENOTFOUND").
		expect(result.message).toMatch(/host|ENOTFOUND/i);
		expect(result.message).not.toContain('hunter2-secret');
		expect(fixture.server.apiRequests()).toHaveLength(before);
	} finally {
		await server.stopAndWait();
	}
});
