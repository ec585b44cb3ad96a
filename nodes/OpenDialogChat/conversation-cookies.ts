import type { IExecuteFunctions } from 'n8n-workflow';

import type { CookieJar } from '../shared/chat-api/cookies';

/**
 * Where each user's anonymous-authentication cookie lives between executions: the node's
 * workflow static data. n8n stores it with the workflow in its database after every
 * production execution (a worker does the same in queue mode), so it survives a restart and
 * reaches every worker; the jar keeps only the most recent users, so it stays small.
 * Manual test runs do not save static data: there, a conversation lasts one execution.
 */
export function conversationCookies(context: IExecuteFunctions): CookieJar {
	const staticData = context.getWorkflowStaticData('node');
	staticData.anonymousCookies ??= {};
	return staticData.anonymousCookies as CookieJar;
}
