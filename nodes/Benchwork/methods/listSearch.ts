import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiPath, benchworkApiRequest } from '../transport';
import { listOf } from '../helpers/response';

/** Benchwork has no search or paging: fetch its maximum page and filter here. */
const PAGE = 100;

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

export async function searchWorkflows(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await benchworkApiRequest.call(this, {
		method: 'GET',
		path: apiPath('workflows'),
		qs: { limit: PAGE },
	});
	const results = listOf(response, 'workflows')
		.filter((workflow) => matches(filter, workflow.name, workflow.id))
		.map((workflow) => ({
			name: `${String(workflow.name ?? workflow.id)} (${String(workflow.status ?? 'unknown')})`,
			value: String(workflow.id),
		}));
	return { results };
}

function executionLabel(execution: IDataObject): string {
	const workflow = String(execution.workflowName ?? execution.workflowId ?? 'workflow');
	const started = typeof execution.startedAt === 'string' ? ` · ${execution.startedAt}` : '';
	return `${workflow} · ${String(execution.status ?? 'unknown')}${started} (${String(execution.id)})`;
}

export async function searchExecutions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await benchworkApiRequest.call(this, {
		method: 'GET',
		path: apiPath('executions'),
		qs: { limit: PAGE },
	});
	const results = listOf(response, 'executions')
		.filter((execution) =>
			matches(filter, execution.id, execution.workflowId, execution.workflowName, execution.status),
		)
		.map((execution) => ({ name: executionLabel(execution), value: String(execution.id) }));
	return { results };
}
