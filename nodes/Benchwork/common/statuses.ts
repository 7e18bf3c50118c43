/**
 * Benchwork's words for where a workflow or an execution stands, as its API writes them
 * (docs/benchwork-api.md). Every filter, check and mapping in the nodes uses these lists.
 */
export const WORKFLOW_STATUSES = ['active', 'paused', 'draft'] as const;
export const EXECUTION_STATUSES = ['running', 'success', 'failed'] as const;

export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** Statuses as choices in the editor: each value, named capitalised, sorted by name (as n8n lists options). */
export function statusOptions(statuses: readonly string[]): Array<{ name: string; value: string }> {
	return statuses
		.map((value) => ({ name: value.charAt(0).toUpperCase() + value.slice(1), value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
