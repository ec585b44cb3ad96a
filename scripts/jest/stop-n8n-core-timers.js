/**
 * After each test file of the node layer: n8n-core's SSH client manager, which the engine
 * creates for every node it runs, keeps a one-minute cleanup interval that only n8n's shutdown
 * clears. Without this, jest would wait on those timers after the last test.
 */
afterAll(() => {
	const { Container } = require('@n8n/di');
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});
