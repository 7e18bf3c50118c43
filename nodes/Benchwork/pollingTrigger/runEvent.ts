import { digest } from '../common/digest';
import type { BenchworkEventObject } from '../triggers/eventItem';
import type { FinishedRun } from './cursor';

/**
 * The event Benchwork would have delivered for a finished run, so the polling trigger gives the
 * same items as the webhook trigger and either can replace the other. With no delivery to name,
 * `deliveryId` is derived from the event and the run (the same on every poll and restart) and
 * `createdAt` is the run's finishedAt.
 */
export function runEvent(run: FinishedRun): BenchworkEventObject {
	return {
		event: run.event,
		deliveryId: `poll_${digest(run.event, run.id).slice(0, 32)}`,
		createdAt: run.execution.finishedAt,
		execution: run.execution,
	};
}
