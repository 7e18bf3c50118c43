import type { IDataObject } from 'n8n-workflow';

/**
 * What a polled execution says about its run. Benchwork documents running, success and failed;
 * other words (and other casing) are read by what they look like: a `finishedAt` or a word that
 * means "over" ends the wait, anything else is taken as still going.
 */
export type RunState =
	| { kind: 'running'; status: string }
	| { kind: 'succeeded' }
	| { kind: 'ended'; status: string; failed: boolean };

/** Words that can only mean the run is over (without having succeeded). */
const ENDED_BADLY = new Set([
	'completed',
	'complete',
	'done',
	'finished',
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
	if (ENDED_BADLY.has(status)) return { kind: 'ended', status: raw, failed: status === 'failed' };
	const finished =
		execution.finishedAt !== undefined &&
		execution.finishedAt !== null &&
		execution.finishedAt !== '';
	if (finished) return { kind: 'ended', status: raw || 'unknown', failed: false };
	return { kind: 'running', status: raw || 'unknown' };
}

/** The run's own reason for failing, whatever shape Benchwork gives it (not yet redacted). */
export function failureReason(execution: IDataObject): string {
	const error = execution.error;
	if (typeof error === 'string' && error.trim()) return error.trim();
	if (error && typeof error === 'object') {
		const message = (error as IDataObject).message;
		if (typeof message === 'string' && message.trim()) return message.trim();
	}
	return 'Benchwork reported the run as failed without a reason';
}
