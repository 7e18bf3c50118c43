import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fetchList } from '../helpers/listQuery';

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
	const workflows = await fetchList.call(this, 'workflows', { limit: PAGE });
	const results = workflows
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
	const executions = await fetchList.call(this, 'executions', { limit: PAGE });
	const results = executions
		.filter((execution) =>
			matches(filter, execution.id, execution.workflowId, execution.workflowName, execution.status),
		)
		.map((execution) => ({ name: executionLabel(execution), value: String(execution.id) }));
	return { results };
}
