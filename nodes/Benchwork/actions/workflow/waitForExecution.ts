import type { IExecuteFunctions } from 'n8n-workflow';

import type { PendingOutput, StartedRun } from '../operation';
import { pollerFor } from './executionPoller';
import type { WaitOptions } from './watchedRun';

export type { WaitOptions } from './watchedRun';

/**
 * Waits for a started run with this node run's poller (executionPoller.ts): the item's output is
 * the finished execution. The Timeout is a deadline for the whole wait, requests included; every
 * way the wait can end other than success is a StartedRunError, so the run's ID is never lost.
 * `inTurn` makes the next item wait for this one (Run Items: One After Another).
 */
export function waitForExecution(
	this: IExecuteFunctions,
	run: StartedRun,
	options: WaitOptions,
	inTurn: boolean,
): PendingOutput {
	const watched = pollerFor(this).watch(run, options);
	return {
		output: watched.completion.then((execution) => [execution]),
		inTurn,
		abandon: () => watched.abandon(),
	};
}
