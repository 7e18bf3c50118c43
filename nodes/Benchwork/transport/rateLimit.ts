import type { IDataObject } from 'n8n-workflow';

/** What Benchwork last said about a key's window (X-RateLimit-Remaining / X-RateLimit-Reset). */
interface WindowState {
	remaining: number;
	resetAtMs: number;
}

/** Never wait longer than one documented window (60 s) plus slack: a far-off reset means clock skew. */
export const MAX_RATE_LIMIT_WAIT_MS = 65_000;

/**
 * A hint shared by the runs of one n8n process that use the same credential, so the next call
 * waits for the window to reset instead of collecting a 429. It holds no secret; correctness
 * does not depend on it (a 429 is still handled), which is why it may live in module memory.
 */
const windows = new Map<string, WindowState>();

function header(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

function toNumber(value: string | undefined): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : undefined;
}

export function recordRateLimit(key: string, headers: IDataObject | undefined): void {
	const remaining = toNumber(header(headers, 'x-ratelimit-remaining'));
	const reset = toNumber(header(headers, 'x-ratelimit-reset'));
	if (remaining === undefined || reset === undefined) return;
	windows.set(key, { remaining, resetAtMs: reset * 1000 });
}

/** How long to wait before the next call so it lands in a fresh window (0 when calls are left). */
export function waitBeforeNextCall(key: string, now = Date.now()): number {
	const state = windows.get(key);
	if (!state || state.remaining > 0) return 0;
	const wait = state.resetAtMs - now;
	if (wait <= 0 || wait > MAX_RATE_LIMIT_WAIT_MS) return 0;
	return wait;
}

/** After a 429: Retry-After (seconds) first, else the window's reset, else one second. */
export function waitAfter429(headers: IDataObject | undefined, now = Date.now()): number {
	const retryAfter = toNumber(header(headers, 'retry-after'));
	let wait: number | undefined;
	if (retryAfter !== undefined) wait = retryAfter * 1000;
	else {
		const reset = toNumber(header(headers, 'x-ratelimit-reset'));
		if (reset !== undefined) wait = reset * 1000 - now;
	}
	if (wait === undefined || wait <= 0) wait = 1000;
	return Math.min(wait, MAX_RATE_LIMIT_WAIT_MS);
}
