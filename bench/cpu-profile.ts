/**
 * Reads a V8 `.cpuprofile` (what `node --cpu-prof` writes) and says where the time went while
 * one node ran: from the first sample inside the node's `execute` to the last sample inside
 * the code that names it, every sample is counted, idle and garbage collection included.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

export interface NodeWindow {
	/** Wall time from the first to the last sample of the window, in ms. */
	windowMs: number;
	/** Sampled time by function (self time), largest first, in ms. */
	functions: Array<{ name: string; ms: number }>;
}

/**
 * `start` matches the frame (`<url> <function name>`) that opens the window, e.g. the node's
 * execute; `inside` matches the frames whose last sample closes it, e.g. the node's package.
 */
export function nodeWindow(file: string, start: RegExp, inside: RegExp): NodeWindow {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parentOf.set(child, node.id);
	const frameText = (node: ProfileNode) => `${node.callFrame.url} ${node.callFrame.functionName}`;
	const stackMatches = (id: number, pattern: RegExp) => {
		for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at))
			if (pattern.test(frameText(byId.get(at)!))) return true;
		return false;
	};

	let first = -1;
	let last = -1;
	profile.samples.forEach((id, index) => {
		if (first < 0 && stackMatches(id, start)) first = index;
		if (first >= 0 && stackMatches(id, inside)) last = index;
	});
	if (first < 0) throw new Error(`no sample matches ${start}`);

	const selfMs = new Map<string, number>();
	let windowMs = 0;
	for (let index = first; index <= last; index++) {
		// A sample's time is the gap to the next one.
		const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
		windowMs += ms;
		const { functionName, url, lineNumber } = byId.get(profile.samples[index])!.callFrame;
		const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '');
		const name = `${functionName || '(anonymous)'}${where ? ` ${where}:${lineNumber + 1}` : ''}`;
		selfMs.set(name, (selfMs.get(name) ?? 0) + ms);
	}
	const functions = [...selfMs].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
	return { windowMs, functions };
}
