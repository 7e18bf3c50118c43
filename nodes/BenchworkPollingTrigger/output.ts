import type { INodeExecutionData } from 'n8n-workflow';

import { digest } from '../Benchwork/shared/digest';
import type { BenchworkEvent } from '../BenchworkTrigger/description';
import type { OutputMode } from '../BenchworkTrigger/parameters';

import type { FinishedRun } from './cursor';

const EVENT_OF: Record<FinishedRun['status'], BenchworkEvent> = {
	success: 'execution.completed',
	failed: 'execution.failed',
};

/**
 * The item the webhook trigger starts a workflow with for the same run, so either trigger can
 * replace the other. With no delivery to name, Whole Event's `deliveryId` is derived from the
 * event and the run (the same on every poll and restart) and `createdAt` is the run's finishedAt.
 * (Adapter: the webhook trigger builds this shape inline in its delivery handling.)
 */
export function triggerItem(mode: OutputMode, run: FinishedRun): INodeExecutionData {
	const event = EVENT_OF[run.status];
	if (mode === 'execution') return { json: { ...run.execution, event } };
	return {
		json: {
			event,
			deliveryId: `poll_${digest(event, run.id).slice(0, 32)}`,
			createdAt: run.execution.finishedAt,
			execution: run.execution,
		},
	};
}
