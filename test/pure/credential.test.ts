import type { IAuthenticate } from 'n8n-workflow';

import { OpenDialogApi } from '../../credentials/OpenDialogApi.credentials';

test('the credential adds the bearer header with a function, keeping the request headers', async () => {
	// A function, so n8n has no expression to evaluate in its sandbox on each request.
	const authenticate = new OpenDialogApi().authenticate as IAuthenticate;
	expect(typeof authenticate).toBe('function');
	const request = await (authenticate as Exclude<IAuthenticate, { type: 'generic' }>)(
		{ apiToken: 'tok|en' },
		{ url: 'https://acme.cloud.opendialog.ai/x', headers: { Accept: 'application/json' } },
	);
	expect(request.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer tok|en' });
	expect(request.url).toBe('https://acme.cloud.opendialog.ai/x');
});
