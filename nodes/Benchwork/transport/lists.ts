import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { BenchworkContext } from './credential';
import { apiPath } from './path';
import { benchworkApiRequest } from './request';

/** The most objects one list call returns; Benchwork has no search or paging, so lists ask for this many and filter here. */
export const MAX_LIST_LIMIT = 100;

/** GET /<collection> → the array under the same key (`{ workflows: [...] }`). */
export async function fetchList(
	this: BenchworkContext,
	collection: 'workflows' | 'executions',
	qs: IDataObject,
): Promise<IDataObject[]> {
	const response = await benchworkApiRequest.call(this, {
		method: 'GET',
		path: apiPath(collection),
		qs,
	});
	const list = response[collection];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

/** Case-insensitive "contains" over any of the texts; no filter matches everything. */
export function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

/** Benchwork workflows as choices "Name (status)" valued by ID, narrowed by `filter`. */
export async function workflowChoices(
	this: BenchworkContext,
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
