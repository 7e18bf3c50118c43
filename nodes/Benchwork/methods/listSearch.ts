import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fetchList, MAX_LIST_LIMIT } from '../transport/fetchList';
import { matches, workflowChoices } from './workflowChoices';

export async function searchWorkflows(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return { results: await workflowChoices.call(this, filter) };
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
	const executions = await fetchList.call(this, 'executions', { limit: MAX_LIST_LIMIT });
	const results = executions
		.filter((execution) =>
			matches(filter, execution.id, execution.workflowId, execution.workflowName, execution.status),
		)
		.map((execution) => ({ name: executionLabel(execution), value: String(execution.id) }));
	return { results };
}
