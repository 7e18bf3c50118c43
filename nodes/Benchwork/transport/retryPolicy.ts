/**
 * What may be sent again. Each request declares it (BenchworkRequest.repeatable); by default only
 * what is safe: GET and DELETE change nothing when repeated, a POST creates something (an
 * execution, a webhook), so once it may have reached Benchwork it is not sent again. A 429,
 * which Benchwork refuses before doing any work, is retried whatever the method.
 */
export type Method = 'GET' | 'POST' | 'DELETE';

export const MAX_TRANSIENT_RETRIES = 3;
const RETRY_BASE_MS = 300;
const RETRY_CAP_MS = 3_000;
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

/** The neutral fact; what a resend would have meant is for the caller to say (onMayHaveReached). */
export const NOT_RESENT = 'The request may have reached Benchwork, so it was not sent again.';

export const NOTHING_SENT =
	'No connection was made, so nothing reached Benchwork: running this again is safe.';

/** The request's own declaration, else the safe default: GET and DELETE yes, POST no. */
export function isRepeatable(request: { method: Method; repeatable?: boolean }): boolean {
	return request.repeatable ?? request.method !== 'POST';
}

export function isTransientStatus(status: number): boolean {
	return TRANSIENT_STATUSES.has(status);
}

/** Exponential, capped: 300 ms, 600 ms, 1.2 s… */
export function backoff(attempt: number): number {
	return Math.min(RETRY_BASE_MS * 2 ** attempt, RETRY_CAP_MS);
}
