import type { INodeExecutionData } from 'n8n-workflow';

import { digest } from '../Benchwork/common/digest';
import type { OutputMode } from '../BenchworkTrigger/delivery/output';
import { eventOfStatus, outputJson } from '../BenchworkTrigger/delivery/output';

import type { FinishedRun } from './cursor';

/**
 * The item the webhook trigger starts a workflow with for the same run (its `outputJson`), so
 * either trigger can replace the other. With no delivery to name, Whole Event's `deliveryId` is
 * derived from the event and the run (the same on every poll and restart) and `createdAt` is the
 * run's finishedAt.
 */
export function triggerItem(mode: OutputMode, run: FinishedRun): INodeExecutionData {
	// A FinishedRun's status is success or failed, so the event is always known.
	const event = eventOfStatus(run.status) ?? 'execution.failed';
	return {
		json: outputJson(
			{
				event,
				deliveryId: `poll_${digest(event, run.id).slice(0, 32)}`,
				createdAt: run.execution.finishedAt,
				execution: run.execution,
			},
			mode,
		),
	};
}
