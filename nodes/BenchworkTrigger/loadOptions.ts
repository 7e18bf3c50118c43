import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { apiPath, benchworkApiRequest } from '../Benchwork/transport';

/** Benchwork's largest page; it has no paging, so more than this needs IDs by expression. */
const PAGE = 100;

export async function getWorkflows(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const response = await benchworkApiRequest.call(this, {
		method: 'GET',
		path: apiPath('workflows'),
		qs: { limit: PAGE },
	});
	const workflows = Array.isArray(response.workflows) ? response.workflows : [];
	return workflows
		.filter((workflow): workflow is Record<string, unknown> => !!workflow && typeof workflow === 'object')
		.filter((workflow) => typeof workflow.id === 'string')
		.map((workflow) => ({
			name: `${String(workflow.name ?? workflow.id)} (${String(workflow.status ?? 'unknown')})`,
			value: String(workflow.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
