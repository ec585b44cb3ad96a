import { OpenDialogTestServer, type ServerConfig } from '../server/server';
import { RealN8n } from './real-n8n';

/** `example` is the id the workflows in examples/ refer to. */
export const CREDENTIALS = {
	public: 'od-public',
	legacy: 'od-legacy',
	badToken: 'od-bad-token',
	example: 'opendialog-local',
} as const;

/** A local OpenDialog server and a real n8n with this package and three credentials. */
export function useRealN8n(config: Partial<ServerConfig> = {}) {
	const fixture = {
		server: new OpenDialogTestServer(config),
		n8n: undefined as unknown as RealN8n,
	};
	beforeAll(async () => {
		await fixture.server.start();
		fixture.n8n = new RealN8n(process.env.OPENDIALOG_N8N_DIR!, process.env.OPENDIALOG_TARBALL!);
		const credential = (
			id: string,
			apiVersion: string,
			apiToken = fixture.server.config.token,
		) => ({
			id,
			name: id,
			type: 'openDialogApi',
			data: { baseUrl: `${fixture.server.url}/`, apiToken, apiVersion },
		});
		await fixture.n8n.importCredentials([
			credential(CREDENTIALS.public, 'public'),
			credential(CREDENTIALS.legacy, 'legacy'),
			credential(CREDENTIALS.badToken, 'public', 'not-the-token-77aa'),
			credential(CREDENTIALS.example, 'public'),
		]);
	});
	afterAll(async () => {
		fixture.n8n?.dispose();
		await fixture.server.close();
	});
	return fixture;
}
