import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fetchList, MAX_LIST_LIMIT } from '../transport/fetchList';

/** Case-insensitive "contains" over any of the texts; no filter matches everything. */
export function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

/** Benchwork workflows as choices "Name (status)" valued by ID, narrowed by `filter`. */
export async function workflowChoices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodePropertyOptions[]> {
	const workflows = await fetchList.call(this, 'workflows', { limit: MAX_LIST_LIMIT });
	return workflows
		.filter(
			(workflow) => typeof workflow.id === 'string' && matches(filter, workflow.name, workflow.id),
		)
		.map((workflow) => ({
			name: `${String(workflow.name ?? workflow.id)} (${String(workflow.status ?? 'unknown')})`,
			value: String(workflow.id),
		}));
}
