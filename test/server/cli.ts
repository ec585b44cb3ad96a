/**
 * Runs the local OpenDialog test server on its own, for the demo and the benchmark.
 *   ts-node test/server/cli.ts [--port 8787] [--users 200] [--interactions 20] [--days 7]
 *                              [--rate-limit 60] [--token TOKEN]
 * Prints one JSON line, {"url": ..., "token": ...}, once it listens.
 */
import { startOpenDialogServer, DEFAULT_TOKEN } from './server';

function argument(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

async function main(): Promise<void> {
	const now = Math.floor(Date.now() / 1000);
	const days = Number(argument('days', '7'));
	const rateLimit = Number(argument('rate-limit', '0'));
	const server = await startOpenDialogServer(
		{
			token: argument('token', DEFAULT_TOKEN),
			rateLimit: rateLimit > 0 ? { perMinute: rateLimit, windowSeconds: 60 } : null,
			tenant: {
				users: Number(argument('users', '200')),
				interactionsPerUser: Number(argument('interactions', '20')),
				from: now - days * 86_400,
				to: now,
				seed: Number(argument('seed', '42')),
			},
		},
		Number(argument('port', '0')),
	);
	process.stdout.write(`${JSON.stringify({ url: server.url, token: server.config.token })}\n`);
	const stop = () => void server.close().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

void main();
