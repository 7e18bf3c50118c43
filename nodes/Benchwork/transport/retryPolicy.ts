/**
 * The one place that decides what may be sent again. A POST creates something (an execution,
 * a webhook): once it may have reached Benchwork it is never repeated, because that could start
 * a workflow twice. Only a 429, which Benchwork refuses before doing any work, repeats a POST.
 */
export type Method = 'GET' | 'POST' | 'DELETE';

export const MAX_TRANSIENT_RETRIES = 3;
const RETRY_BASE_MS = 300;
const RETRY_CAP_MS = 3_000;
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

export const NOT_RESENT =
	'The request may have reached Benchwork, so it was not sent again (that could start the workflow twice): check the workflow’s executions in Benchwork before running this again.';

export const NOTHING_SENT =
	'No connection was made, so nothing reached Benchwork: running this again is safe.';

/** GET and DELETE change nothing when repeated; POST does. */
export function isRepeatable(method: Method): boolean {
	return method !== 'POST';
}

export function isTransientStatus(status: number): boolean {
	return TRANSIENT_STATUSES.has(status);
}

/** Exponential, capped: 300 ms, 600 ms, 1.2 s… */
export function backoff(attempt: number): number {
	return Math.min(RETRY_BASE_MS * 2 ** attempt, RETRY_CAP_MS);
}
