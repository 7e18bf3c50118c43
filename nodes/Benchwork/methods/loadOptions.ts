import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { workflowChoices } from './workflowChoices';

/** The workflow filter's choices, sorted by name (Benchwork's first 100: it has no paging). */
export async function getWorkflows(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const choices = await workflowChoices.call(this);
	return choices.sort((a, b) => a.name.localeCompare(b.name));
}
