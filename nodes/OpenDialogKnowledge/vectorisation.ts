/** Waiting for OpenDialog to vectorise a topic: every source `completed` or `failed`. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { sourceName } from '../shared/public-api/knowledge/answers';
import type { KnowledgeApi } from '../shared/public-api/knowledge/knowledge-api';
import type { Topic, TopicSource } from '../shared/public-api/knowledge/types';
import { InputError } from '../shared/errors/input-error';

export interface VectorisationSummary {
	/** `waiting` while any source is still pending or in progress. */
	status: 'completed' | 'failed' | 'waiting';
	completed: string[];
	failed: string[];
	waiting: string[];
}

/** Statuses a source rests in; `obsolete` sources are replaced ones, not waited for. */
const RESTING = new Set(['completed', 'failed', 'obsolete']);

/** Where a topic's vectorisation stands, by source name. Pure. */
export function summariseVectorisation(sources: TopicSource[]): VectorisationSummary {
	const summary: VectorisationSummary = {
		status: 'completed',
		completed: [],
		failed: [],
		waiting: [],
	};
	for (const source of sources) {
		const status = String(source.configuration?.vectorisation_status ?? 'pending');
		if (status === 'completed') summary.completed.push(sourceName(source));
		else if (status === 'failed') summary.failed.push(sourceName(source));
		else if (!RESTING.has(status)) summary.waiting.push(sourceName(source));
	}
	if (summary.waiting.length > 0) summary.status = 'waiting';
	else if (summary.failed.length > 0) summary.status = 'failed';
	return summary;
}

export interface WaitSettings {
	timeoutMs: number;
	intervalMs: number;
}

export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Wait Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		description: 'When waiting for vectorisation: how long before the item fails',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.1 },
		default: 5,
		description: 'When waiting for vectorisation: how often to ask OpenDialog how far it has come',
	},
];

export function readWaitSettings(options: IDataObject): WaitSettings {
	const seconds = (value: unknown, fallback: number, label: string) => {
		const number = Number(value ?? fallback);
		if (!Number.isFinite(number) || number <= 0) {
			throw new InputError(
				`'${label}' must be a number above 0, got ${JSON.stringify(value)}`,
				`Use e.g. ${fallback}.`,
			);
		}
		return Math.round(number * 1000);
	};
	return {
		timeoutMs: seconds(options.waitTimeout, 600, 'Wait Timeout (Seconds)'),
		intervalMs: seconds(options.pollInterval, 5, 'Poll Interval (Seconds)'),
	};
}

/** Polls the topic until no source is pending or in progress; bounded by the timeout. */
export async function waitForVectorisation(
	api: KnowledgeApi,
	serviceId: string,
	topicId: string,
	settings: WaitSettings,
	itemIndex: number,
): Promise<{ topic: Topic & { sources: TopicSource[] }; summary: VectorisationSummary }> {
	const deadline = Date.now() + settings.timeoutMs;
	for (;;) {
		const topic = await api.getTopicWithSources(serviceId, topicId, itemIndex);
		const summary = summariseVectorisation(topic.sources);
		if (summary.status !== 'waiting') return { topic, summary };
		const left = deadline - Date.now();
		if (left <= 0) {
			throw new InputError(
				`Vectorisation of topic ${JSON.stringify(topic.name)} was not finished after ${settings.timeoutMs / 1000} s: ${summary.waiting.length} source(s) still pending or in progress (${listNames(summary.waiting)})`,
				"OpenDialog may be busy. Raise the 'Wait Timeout (Seconds)' option, or run without waiting and check the topic later.",
			);
		}
		await sleep(Math.min(settings.intervalMs, left));
	}
}

/** Failed sources as an error that names them. */
export function vectorisationFailure(topicName: string, failed: string[]): InputError {
	return new InputError(
		`Vectorisation failed for ${failed.length} source(s) of topic ${JSON.stringify(topicName)}: ${listNames(failed)}`,
		'Check these sources in OpenDialog (a URL that cannot be read, a file it cannot parse), fix them, and vectorise again.',
	);
}

function listNames(names: string[]): string {
	const shown = names.slice(0, 10).map((name) => JSON.stringify(name));
	return names.length > 10 ? `${shown.join(', ')} and ${names.length - 10} more` : shown.join(', ');
}
