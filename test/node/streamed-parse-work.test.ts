/**
 * Get Interactions reading a streamed answer (no Content-Length) in which one user's data holds
 * the bytes that open a user record: the parse work stays proportional to the answer.
 */
import { OpenDialogGetInteractions } from '../../nodes/OpenDialogGetInteractions/OpenDialogGetInteractions.node';
import { useLocalOpenDialog } from '../helpers/local-server';
import { runNode } from '../helpers/run-node';

const od = useLocalOpenDialog();
jest.setTimeout(60_000);

const DAY = { from: '2024-05-01T00:00:00', to: '2024-05-01T23:59:59' };
const MESSAGES_OF_BIG_USER = 20_000;

function seed() {
	const message = (user_id: string, n: number) => ({
		user_id,
		date: `2024-05-01 10:${String(Math.floor(n / 1000) % 60).padStart(2, '0')}:00`,
		type: 'button_response',
		text: 'Yes please',
		// Button data carrying a profile: `":{"chatbot_user_data":` is how every user opens.
		data: { chatbot_user_data: { first_name: 'Ann', plan: 'gold', n } },
	});
	od.server.addMessages([
		{ user_id: 'amy', date: '2024-05-01 09:00:00', text: 'hi', chatbot_user_data: {} },
		...Array.from({ length: MESSAGES_OF_BIG_USER }, (_, n) => message('ann', n)),
		{ user_id: 'zed', date: '2024-05-01 11:00:00', text: 'bye' },
	]);
}

/** The answer's size, asked for once outside the node. */
async function answerBytes(): Promise<number> {
	const query = new URLSearchParams({ from: '2024-05-01 00:00:00', to: '2024-05-01 23:59:59' });
	const response = await fetch(`${od.server.url}/public/api/user-interactions?${query}`, {
		headers: { Accept: 'application/json', Authorization: `Bearer ${od.server.config.token}` },
	});
	expect(response.headers.get('content-length')).toBeNull();
	return (await response.arrayBuffer()).byteLength;
}

test('a user holding the bytes that open a user is parsed about once, not once per chunk', async () => {
	seed();
	const bytes = await answerBytes();
	const parse = JSON.parse;
	let charactersParsed = 0;
	const spy = jest.spyOn(JSON, 'parse').mockImplementation((text: string, reviver) => {
		charactersParsed += text.length;
		return parse(text, reviver) as unknown;
	});
	let run;
	try {
		run = await runNode({
			node: new OpenDialogGetInteractions(),
			parameters: { ...DAY, outputMode: 'perUser', options: { windowHours: 0 } },
			credentials: od.credentials(),
		});
	} finally {
		spy.mockRestore();
	}
	expect(run.error).toBeUndefined();
	expect(run.items.map((item) => item.json.user_id)).toEqual(['amy', 'ann', 'zed']);
	expect(run.items[1].json.interactions).toHaveLength(MESSAGES_OF_BIG_USER);
	expect(bytes).toBeGreaterThan(2 * 1024 * 1024);
	// Before, every 64 KB chunk re-parsed the user from its start: dozens of times the answer.
	expect(charactersParsed / bytes).toBeLessThan(3);
});
