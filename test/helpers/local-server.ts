import { OpenDialogTestServer, type ServerConfig } from '../server/server';

/** One local OpenDialog server per test file, reset before each test. */
export function useLocalOpenDialog(config: Partial<ServerConfig> = {}) {
	const server = new OpenDialogTestServer(config);
	beforeAll(async () => {
		await server.start();
	});
	beforeEach(() => server.reset(config));
	afterAll(async () => {
		await server.close();
	});
	return {
		server,
		credentials: (apiVersion: 'public' | 'legacy' = 'public') => ({
			baseUrl: `${server.url}/`,
			apiToken: server.config.token,
			apiVersion,
		}),
	};
}
