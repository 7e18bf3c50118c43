import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../../common/json';

/**
 * What a polled execution says about its run. Benchwork documents running, success and failed;
 * other words (and other casing) are read by what they look like: a `finishedAt` or a word that
 * means "over" ends the wait, anything else is taken as still going. Only `success` is success:
 * a run that ended any other way is "unsuccessful" (the item fails).
 */
export type RunState =
	| { kind: 'running'; status: string }
	| { kind: 'succeeded' }
	| { kind: 'unsuccessful'; status: string; failed: boolean };

/**
 * Words that say the run is over without saying it succeeded. Benchwork's run status names
 * success only `success`, so these are not taken as one (unlike the trigger nodes' event name
 * `execution.completed`, which is a different vocabulary).
 */
const OVER_WITHOUT_SUCCESS = new Set(['completed', 'complete', 'done', 'finished']);

/** Words that say the run is over and did not succeed. */
const UNSUCCESSFUL = new Set([
	'failed',
	'failure',
	'error',
	'errored',
	'cancelled',
	'canceled',
	'aborted',
	'stopped',
	'crashed',
	'killed',
	'timeout',
	'timed_out',
	'timedout',
	'expired',
	'rejected',
	'terminated',
]);

export function runState(execution: IDataObject): RunState {
	const raw = typeof execution.status === 'string' ? execution.status.trim() : '';
	const status = raw.toLowerCase();
	if (status === 'success') return { kind: 'succeeded' };
	if (UNSUCCESSFUL.has(status) || OVER_WITHOUT_SUCCESS.has(status))
		return { kind: 'unsuccessful', status: raw, failed: status === 'failed' };
	const finished =
		execution.finishedAt !== undefined &&
		execution.finishedAt !== null &&
		execution.finishedAt !== '';
	if (finished) return { kind: 'unsuccessful', status: raw || 'unknown', failed: false };
	return { kind: 'running', status: raw || 'unknown' };
}

/** The run's own reason for failing, whatever shape Benchwork gives it (not yet redacted). */
export function failureReason(execution: IDataObject): string {
	const error = execution.error;
	if (typeof error === 'string' && error.trim()) return error.trim();
	const message = asObject(error)?.message;
	if (typeof message === 'string' && message.trim()) return message.trim();
	return 'Benchwork reported the run as failed without a reason';
}
