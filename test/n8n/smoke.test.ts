import { OpenDialogTestServer } from '../server/server';
import { n8nInstallDir, nodeItems, packPackage, RealN8n } from '../helpers/real-n8n';
import { chainWorkflow, credentialRef } from '../helpers/workflows';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(600_000);

test('smoke', async () => {
	const server = await new OpenDialogTestServer().start();
	server.addMessages([{ user_id: 'u1', date: '2024-05-01 10:00:00', text: 'hi' }]);
	const n8n = new RealN8n(n8nInstallDir(), packPackage(path.join(os.tmpdir(), 'od-pack')));
	await n8n.importCredentials([{ id: 'od1', name: 'OD', type: 'openDialogApi', data: { baseUrl: server.url, apiToken: server.config.token, apiVersion: 'public' } }]);
	await n8n.importWorkflow(chainWorkflow('wf1', [{ name: 'Get', type: 'n8n-nodes-opendialog.openDialogGetInteractions', parameters: { from: '2024-05-01T00:00:00', to: '2024-05-02T00:00:00' }, credentials: credentialRef('od1') }]));
	const result = await n8n.execute('wf1');
	console.log(result.exitCode, result.stdout.slice(0, 3000), result.stderr.slice(0, 3000));
	console.log(JSON.stringify(nodeItems(result.run, 'Get')));
	await server.close();
});
