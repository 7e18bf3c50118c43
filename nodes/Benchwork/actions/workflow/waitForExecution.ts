import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiPath, quotable, readBenchworkCredential, sendBenchworkRequest, waitUnlessCancelled } from '../../transport';
import type { StartedRun } from '../operation';
import { failureReason, runState } from './runStatus';
import { StartedRunError } from './startedRunError';

export interface WaitOptions {
	timeoutMs: number;
	pollIntervalMs: number;
}

/** A just-started execution may not be readable at once; this many 404s are tolerated first. */
const NOT_YET_VISIBLE_POLLS = 3;

const NOT_STARTED_AGAIN = 'The run was started in Benchwork and keeps going there; it was not started again.';

/**
 * Polls GET /executions/:id until the run ends. Every poll goes through the transport (rate
 * window, 429s); the Timeout is a deadline for the whole wait, requests included. Every way it
 * can end other than success is a StartedRunError, so the run's ID is never lost.
 */
export async function waitForExecution(this: IExecuteFunctions, run: StartedRun, options: WaitOptions): Promise<IDataObject> {
	const node = this.getNode();
	const { executionId, workflowId } = run;
	const signal = this.getExecutionCancelSignal?.();
	const deadline = Date.now() + options.timeoutMs;
	let notFound = 0;
	let lastStatus = 'not read yet';

	const fail = (message: string, description: string, execution?: IDataObject) =>
		new StartedRunError(node, { executionId, workflowId, ...(execution ? { execution } : {}) }, message, description);
	const timedOut = () =>
		fail(
			`Benchwork execution ${executionId} was still ${lastStatus === 'running' ? 'running' : `at status "${lastStatus}"`} after ${Math.round(options.timeoutMs / 1000)} s`,
			`${NOT_STARTED_AGAIN} Raise Timeout, or turn off Wait for Completion and react to the end of the run with the Benchwork Trigger node.`,
		);
	const cancelled = () =>
		fail(`Stopped waiting for Benchwork execution ${executionId}: the n8n execution was cancelled`, `${NOT_STARTED_AGAIN} It was not cancelled in Benchwork.`);

	for (;;) {
		const pause = Math.max(0, Math.min(options.pollIntervalMs, deadline - Date.now()));
		if (!(await waitUnlessCancelled(pause, signal))) throw cancelled();

		let answer: { statusCode: number; body: unknown };
		try {
			answer = await sendBenchworkRequest.call(this, {
				method: 'GET',
				path: apiPath('executions', executionId),
				acceptStatuses: [404],
				deadline: { atMs: deadline, onExpiry: timedOut },
			});
		} catch (error) {
			if (Date.now() >= deadline) throw timedOut();
			if (signal?.aborted) throw cancelled();
			const reason = error instanceof Error ? error.message : String(error);
			const fix = (error as { description?: unknown }).description;
			throw fail(
				`Could not follow Benchwork execution ${executionId} of workflow ${workflowId}: ${reason}`,
				`${NOT_STARTED_AGAIN} Check the run in Benchwork.${typeof fix === 'string' ? ` ${fix}` : ''}`,
			);
		}

		if (answer.statusCode === 404) {
			if (++notFound > NOT_YET_VISIBLE_POLLS) {
				throw fail(
					`Benchwork no longer knows execution ${executionId} (404) that it just started`,
					`${NOT_STARTED_AGAIN} The run may have been deleted in Benchwork: check its executions list.`,
				);
			}
		} else {
			const execution = (answer.body && typeof answer.body === 'object' ? answer.body : {}) as IDataObject;
			const state = runState(execution);
			if (state.kind === 'succeeded') return execution;
			if (state.kind === 'ended') {
				const { apiKey } = await readBenchworkCredential(this);
				const what = state.failed
					? `failed: ${quotable(failureReason(execution), [apiKey])}`
					: `ended with status "${quotable(state.status, [apiKey])}"`;
				throw fail(
					`Benchwork run ${executionId} of workflow ${workflowId} ${what}`,
					'The workflow ran in Benchwork and did not succeed. Open the run in Benchwork for the step results; turn on Continue On Fail (Settings) to pass such runs on as items instead.',
					execution,
				);
			}
			lastStatus = quotable(state.status, []);
		}

		if (Date.now() >= deadline) throw timedOut();
	}
}
