/** The test server's data exports answer bad requests the way OpenDialog documents. */
import { useLocalOpenDialog } from '../helpers/local-server';

const od = useLocalOpenDialog();

async function get(path: string, query: Record<string, string>) {
	const response = await fetch(`${od.server.url}${path}?${new URLSearchParams(query)}`, {
		headers: { Accept: 'application/json', Authorization: `Bearer ${od.server.config.token}` },
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('test server: User Data Export', () => {
	const path = '/public/api/user-data-export';

	test('422 without exportType, with to but no from, or a non-integer perPage', async () => {
		const answer = await get(path, { to: '2024-05-01 00:00:00', perPage: 'ten' });
		expect(answer.status).toBe(422);
		expect(answer.body.errors).toEqual({
			exportType: ['The export type field is required.'],
			from: ['The from field is required when to is present.'],
			perPage: ['The per page must be an integer.'],
		});
	});

	test('400 for a date in another format', async () => {
		const answer = await get(path, { exportType: 'json', from: '2024-05-01', to: '2024-05-02' });
		expect(answer.status).toBe(400);
	});

	test('a page past the last is empty and says which page it is', async () => {
		const answer = await get(path, { exportType: 'json', page: '3' });
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({
			data: [],
			meta: { pagination: { currentPage: 3, lastPage: 1, total: 0 } },
		});
	});
});

describe('test server: Analytics Data Export', () => {
	const path = '/public/api/analytics-data-export';

	test('422 without scenario_id, with a bad day, an end before the start or per_page over 1000', async () => {
		const answer = await get(path, {
			start_date: '2024-05-02',
			end_date: '2024-05-01',
			per_page: '1001',
		});
		expect(answer.status).toBe(422);
		expect(answer.body.errors).toEqual({
			scenario_id: ['The scenario id field is required.'],
			end_date: ['The end date must be a date after or equal to start date.'],
			per_page: ['The per page must be between 1 and 1000.'],
		});
		const badDay = await get(path, { scenario_id: 's', start_date: '01/05/2024' });
		expect(badDay.body.errors).toEqual({
			start_date: ['The start date does not match the format Y-m-d.'],
		});
	});

	test('403 when the workspace does not have the export', async () => {
		od.server.configure({ dataExports: { userDataEnabled: true, analyticsEnabled: false } });
		const answer = await get(path, { scenario_id: 's' });
		expect(answer.status).toBe(403);
	});
});
