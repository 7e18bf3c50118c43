import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiPath, sendBenchworkRequest } from '../transport';
import { waitUnlessCancelled } from '../transport/wait';
import { attachOutput, withItem } from './errors';

export interface WaitOptions {
	executionId: string;
	workflowId: string;
	timeoutMs: number;
	pollIntervalMs: number;
	itemIndex: number;
}

/** A just-started execution may not be readable at once; this many 404s are tolerated first. */
const NOT_YET_VISIBLE_POLLS = 3;

/** The run's own reason for failing, whatever shape Benchwork gives it. */
export function failureReason(execution: IDataObject): string {
	const error = execution.error;
	if (typeof error === 'string' && error.trim()) return error.trim();
	if (error && typeof error === 'object') {
		const message = (error as IDataObject).message;
		if (typeof message === 'string' && message.trim()) return message.trim();
	}
	return 'Benchwork reported the run as failed without a reason';
}

/**
 * Polls GET /executions/:id until the run is `success` or `failed`. Every poll goes through the
 * transport, so it waits for the rate-limit window like any other call. Ends on timeout or on
 * n8n's cancel signal, leaving the Benchwork run itself untouched.
 */
export async function waitForExecution(this: IExecuteFunctions, options: WaitOptions): Promise<IDataObject> {
	const { executionId, workflowId, itemIndex } = options;
	const node = this.getNode();
	const signal = this.getExecutionCancelSignal?.();
	const started = { executionId, workflowId };
	const deadline = Date.now() + options.timeoutMs;
	let notFound = 0;

	for (;;) {
		const pause = Math.max(0, Math.min(options.pollIntervalMs, deadline - Date.now()));
		if (!(await waitUnlessCancelled(pause, signal))) {
			throw attachOutput(
				new NodeOperationError(node, withItem(`Stopped waiting for Benchwork execution ${executionId}: the n8n execution was cancelled`, itemIndex), {
					description: 'The Benchwork run was started and keeps running in Benchwork; it was not cancelled there.',
					itemIndex,
				}),
				started,
			);
		}

		const { statusCode, body } = await sendBenchworkRequest.call(this, {
			method: 'GET',
			path: apiPath('executions', executionId),
			notFound: `execution "${executionId}"`,
			acceptStatuses: [404],
		});
		if (statusCode === 404) {
			if (++notFound > NOT_YET_VISIBLE_POLLS) {
				throw attachOutput(
					new NodeApiError(node, { message: 'not found' }, {
						message: withItem(`Benchwork no longer knows execution ${executionId} (404) that it just started`, itemIndex),
						description: 'The run may have been deleted in Benchwork. Check its executions list.',
						httpCode: '404',
						itemIndex,
					}),
					started,
				);
			}
		} else {
			const execution = (body && typeof body === 'object' ? body : {}) as IDataObject;
			if (execution.status === 'success') return execution;
			if (execution.status === 'failed') {
				throw attachOutput(
					new NodeOperationError(
						node,
						withItem(`Benchwork run ${executionId} of workflow ${workflowId} failed: ${failureReason(execution)}`, itemIndex),
						{
							description:
								'The workflow ran in Benchwork and failed there. Open the run in Benchwork for the step results; turn on Continue On Fail (Settings) to pass failed runs on as items instead.',
							itemIndex,
						},
					),
					{ ...started, execution },
				);
			}
		}

		if (Date.now() >= deadline) {
			const seconds = Math.round(options.timeoutMs / 1000);
			throw attachOutput(
				new NodeOperationError(node, withItem(`Benchwork execution ${executionId} was still running after ${seconds} s`, itemIndex), {
					description:
						'The run was started and keeps running in Benchwork; it was not cancelled. Raise Options → Timeout, or turn off Wait for Completion and react to the end of the run with the Benchwork Trigger node.',
					itemIndex,
				}),
				started,
			);
		}
	}
}
