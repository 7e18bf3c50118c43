import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { fetchList, MAX_LIST_LIMIT } from '../transport/fetchList';
import type { BenchworkEvent } from '../triggers/events';
import { STATUS_OF_EVENT } from '../triggers/events';
import type { TriggerSettings } from '../triggers/settings';
import type { FinishedRun } from './cursor';

/** One list answer: the finished runs it held, and whether it was full (more may exist). */
export interface ListAnswer {
	event: BenchworkEvent;
	workflowId?: string;
	runs: FinishedRun[];
	full: boolean;
	/** Entries that said they were finished but had no readable finishedAt. */
	unreadable: number;
}

function finishedRun(
	entry: unknown,
	event: BenchworkEvent,
	workflowId: string | undefined,
): FinishedRun | 'unreadable' | undefined {
	if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
	const execution = entry as IDataObject;
	// A list that ignored a filter must not leak other runs in.
	if (execution.status !== STATUS_OF_EVENT[event]) return undefined;
	if (workflowId !== undefined && String(execution.workflowId ?? '') !== workflowId)
		return undefined;
	const id = typeof execution.id === 'number' ? String(execution.id) : execution.id;
	if (typeof id !== 'string' || id === '') return 'unreadable';
	const finishedAtMs =
		typeof execution.finishedAt === 'string' ? Date.parse(execution.finishedAt) : NaN;
	if (!Number.isFinite(finishedAtMs)) return 'unreadable';
	return { id, event, finishedAtMs, execution };
}

/**
 * The poll's whole cost: one `GET /executions?status=…&limit=100` per selected event, times one
 * per workflow when a workflow filter is set (each workflow then gets its own 100). Sequential,
 * through the transport's rate window; any failure fails the whole poll, so no partial view is
 * ever taken for the truth.
 */
export async function fetchFinishedRuns(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<ListAnswer[]> {
	const scopes = settings.workflowIds.length > 0 ? settings.workflowIds : [undefined];
	const answers: ListAnswer[] = [];
	for (const event of settings.events) {
		const status = STATUS_OF_EVENT[event];
		for (const workflowId of scopes) {
			const qs: IDataObject = { status, limit: MAX_LIST_LIMIT };
			if (workflowId !== undefined) qs.workflowId = workflowId;
			const list = await fetchList.call(this, 'executions', qs);
			const answer: ListAnswer = {
				event,
				workflowId,
				runs: [],
				full: list.length >= MAX_LIST_LIMIT,
				unreadable: 0,
			};
			for (const entry of list) {
				const run = finishedRun(entry, event, workflowId);
				if (run === 'unreadable') answer.unreadable++;
				else if (run) answer.runs.push(run);
			}
			answers.push(answer);
		}
	}
	return answers;
}

/** Every run of the answers once (a run can only be in one status, but lists may overlap). */
export function distinctRuns(answers: readonly ListAnswer[]): FinishedRun[] {
	const runs = new Map<string, FinishedRun>();
	for (const answer of answers) for (const run of answer.runs) runs.set(run.id, run);
	return [...runs.values()];
}
