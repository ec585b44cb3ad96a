/** Small builders for the workflows the real-n8n tests import. */
export interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: 'continueRegularOutput' | 'stopWorkflow';
	typeVersion?: number;
}

export const MANUAL_TRIGGER = 'Manual Trigger';

export function credentialRef(id: string) {
	return { openDialogApi: { id, name: `OpenDialog ${id}` } };
}

/** Manual Trigger → first node, and each node after it fed by the one before. */
export function chainWorkflow(id: string, chain: WorkflowNode[]) {
	return workflowWithBranches(id, [chain]);
}

/** Manual Trigger feeding several independent chains, so one n8n start covers many cases. */
export function workflowWithBranches(id: string, branches: WorkflowNode[][]) {
	const trigger = {
		name: MANUAL_TRIGGER,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		parameters: {},
	};
	const nodes = [trigger, ...branches.flat()].map((node, index) => ({
		id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
		typeVersion: 1,
		position: [index * 220, 0],
		...node,
	}));
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	> = {};
	const link = (from: string, to: string) => {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	};
	for (const branch of branches) {
		branch.forEach((node, index) =>
			link(index === 0 ? MANUAL_TRIGGER : branch[index - 1].name, node.name),
		);
	}
	return {
		id,
		name: `Test ${id}`,
		active: false,
		nodes,
		connections,
		settings: { timezone: 'UTC' },
	};
}
