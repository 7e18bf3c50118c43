import type { IDataObject } from 'n8n-workflow';

/**
 * What this n8n process knows about each API key's rate-limit window, shared by its runs. It
 * holds no secret (keys are named by a digest), and correctness does not depend on it: a 429 is
 * still handled, which is why it may live in module memory.
 */
interface KeyState {
	remaining?: number;
	/** Calls per window (X-RateLimit-Limit): what a window that has just reset holds. */
	limit?: number;
	resetAtMs?: number;
	/** Refusals in a row that showed nobody getting through (see noteRefusal). */
	stalledRefusals: number;
	/** The window a refusal last named: a later one means the key's budget is being used. */
	lastRefusedResetAtMs?: number;
	/** When the last stalled refusal came: a streak that old is over. */
	lastStalledAtMs?: number;
	/** When the last refusal was noted (see noteRefusal's sentAtMs). */
	lastRefusalAtMs?: number;
	/** Requests of this process on their way: each will take a call from the window. */
	inFlight: number;
	/** When a request of this key last used this record: idle records are forgotten. */
	usedAtMs: number;
}

/** How often to look again while the calls a fresh window holds are all on their way. */
const IN_FLIGHT_WAIT_MS = 25;

/** Never wait longer than one documented window (60 s) plus slack for one pause. */
export const MAX_RATE_LIMIT_WAIT_MS = 65_000;
/**
 * A reset further away than this is not Unix seconds (milliseconds, or a broken clock): ignored.
 * Nearer ones still show a window moving on (noteRefusal), but are waited for only up to 65 s.
 */
const MAX_PLAUSIBLE_RESET_MS = 60 * 60 * 1000;
/** Refusals in a row without any sign of the window moving on before a request gives up. */
export const MAX_STALLED_REFUSALS = 5;
/** However the window moves, one request stops retrying 429s after this long. */
const MAX_REFUSED_FOR_MS = 30 * 60 * 1000;
/** Refusals further apart than this are not "in a row": a new burst of work starts a new streak. */
const STREAK_GAP_MS = 2 * MAX_RATE_LIMIT_WAIT_MS;

/** The rule of noteRefusal, in the words the 429 error uses. */
export const REFUSAL_RULE = `The node retries a 429 for as long as Benchwork's rate-limit window keeps moving on (others are using the same key), and gives up after ${MAX_STALLED_REFUSALS} refusals in a row that show no such progress (no rate-limit headers, calls said to be left, or a window that does not move on), or after ${MAX_REFUSED_FOR_MS / 60_000} minutes of refusals. Once Benchwork has refused that way, later items give up at their first refusal until it answers again.`;

/**
 * A key unused this long is forgotten: its window (60 s) has long reset and any refusal streak is
 * over (STREAK_GAP_MS), so the record says nothing a first answer would not say again.
 */
export const KEY_IDLE_MS = 10 * 60 * 1000;
/** Keys remembered at most (credentials rotate, and one process may serve many tenants). */
export const MAX_TRACKED_KEYS = 1_000;

/** Least recently used first (each use re-inserts its key). */
const keys = new Map<string, KeyState>();

/** Forgets idle keys, then the least recently used while over the cap; never a key in use. */
function evict(now: number): void {
	for (const [key, state] of keys) {
		const idle = now - state.usedAtMs > KEY_IDLE_MS;
		if (!idle && keys.size <= MAX_TRACKED_KEYS) break;
		if (state.inFlight === 0) keys.delete(key);
	}
}

function stateOf(key: string, now = Date.now()): KeyState {
	let state = keys.get(key);
	if (state) keys.delete(key);
	else state = { stalledRefusals: 0, inFlight: 0, usedAtMs: now };
	state.usedAtMs = now;
	keys.set(key, state);
	evict(now);
	return state;
}

/** How many keys this process remembers (bounded by MAX_TRACKED_KEYS and KEY_IDLE_MS). */
export function trackedKeyCount(): number {
	return keys.size;
}

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

/** X-RateLimit-Reset as a time, when it is plausible Unix seconds. */
function resetAtMs(headers: IDataObject | undefined, now: number): number | undefined {
	const reset = toNumber(header(headers, 'x-ratelimit-reset'));
	if (reset === undefined) return undefined;
	const at = reset * 1000;
	return at - now > MAX_PLAUSIBLE_RESET_MS ? undefined : at;
}

/** Records the window an answer reports; an answer other than 429 also ends a refusal streak. */
export function recordAnswer(
	key: string,
	status: number,
	headers: IDataObject | undefined,
	now = Date.now(),
): void {
	const state = stateOf(key, now);
	state.remaining = toNumber(header(headers, 'x-ratelimit-remaining'));
	state.limit = toNumber(header(headers, 'x-ratelimit-limit')) ?? state.limit;
	state.resetAtMs = resetAtMs(headers, now);
	if (status !== 429) {
		state.stalledRefusals = 0;
		state.lastRefusedResetAtMs = undefined;
		state.lastStalledAtMs = undefined;
	}
}

/**
 * Takes a call from the key's window for a request about to be sent (returns 0), or says how
 * long to wait for the window to reset first. Check and take are one synchronous step, so
 * requests sent at once by this process (triggers and polls) never spend the same last call.
 */
export function reserveCall(key: string, now = Date.now()): number {
	const state = stateOf(key, now);
	if (state.remaining !== undefined && state.resetAtMs !== undefined) {
		const reset = now >= state.resetAtMs;
		// After the reset the window holds `limit` calls again, but not yet for the requests still
		// on their way, whose answers will say how many are left.
		const available = reset ? (state.limit ?? 1) : state.remaining;
		if (available - state.inFlight <= 0) {
			if (reset) return IN_FLIGHT_WAIT_MS;
			const wait = state.resetAtMs - now;
			if (wait <= MAX_RATE_LIMIT_WAIT_MS) return wait;
		}
	}
	state.inFlight++;
	return 0;
}

/** The request reserved with reserveCall has its answer (or failed). */
export function releaseCall(key: string): void {
	const state = keys.get(key);
	if (state) state.inFlight = Math.max(0, state.inFlight - 1);
}

/**
 * Counts a 429 and says whether it is worth waiting for another try. A refusal that names a
 * later, spent window than the last one shows that others are getting through (the key's budget
 * is in use): the request keeps waiting its turn. Refusals without that sign (no headers, calls
 * left, a window that never moves on) are "stalled"; the streak is per key, so once Benchwork has
 * refused everyone that long, later items give up at once instead of each waiting it out again.
 * Any other answer ends the streak, and so does a pause longer than any wait between retries.
 * A request sent before the last refusal was noted (`sentAtMs`: requests on their way at once,
 * such as reads sent ahead or a poll beside a trigger) was refused for that same reason: it adds
 * nothing to the streak, so refusals count per try of the key, not per request in flight.
 */
export function noteRefusal(
	key: string,
	headers: IDataObject | undefined,
	refusedForMs: number,
	now = Date.now(),
	sentAtMs = now,
): boolean {
	const state = stateOf(key, now);
	const remaining = toNumber(header(headers, 'x-ratelimit-remaining'));
	const reset = resetAtMs(headers, now);
	const progress =
		remaining === 0 &&
		reset !== undefined &&
		(state.lastRefusedResetAtMs === undefined || reset > state.lastRefusedResetAtMs);
	const alreadyCounted = state.lastRefusalAtMs !== undefined && sentAtMs < state.lastRefusalAtMs;
	state.lastRefusalAtMs = now;
	if (state.lastStalledAtMs !== undefined && now - state.lastStalledAtMs > STREAK_GAP_MS)
		state.stalledRefusals = 0;
	if (progress) {
		state.lastRefusedResetAtMs = reset;
		state.stalledRefusals = 0;
	} else if (!alreadyCounted) {
		state.stalledRefusals++;
		state.lastStalledAtMs = now;
	}
	return state.stalledRefusals <= MAX_STALLED_REFUSALS && refusedForMs < MAX_REFUSED_FOR_MS;
}

/** Retry-After as seconds or as an HTTP date (both forms HTTP allows). */
function retryAfterMs(headers: IDataObject | undefined, now: number): number | undefined {
	const value = header(headers, 'retry-after');
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = toNumber(value);
	if (seconds !== undefined) return seconds * 1000;
	const date = Date.parse(value);
	return Number.isFinite(date) ? date - now : undefined;
}

/** The wait a 429 asks for in its Retry-After header. */
export interface ServerWait {
	ms: number;
	source: 'Retry-After';
}

/**
 * The wait a 429's Retry-After asks for, uncapped (undefined without one). A longer one than the
 * node waits (MAX_RATE_LIMIT_WAIT_MS) fails the request at once, with this wait in the message,
 * instead of retrying every 65 s for as long as the refusal rules allow. An X-RateLimit-Reset
 * further away than that is not such a request: it is taken as clock skew and ignored.
 */
export function serverWaitAfter429(
	headers: IDataObject | undefined,
	now = Date.now(),
): ServerWait | undefined {
	const retryAfter = retryAfterMs(headers, now);
	return retryAfter === undefined ? undefined : { ms: retryAfter, source: 'Retry-After' };
}

/**
 * After a 429: Retry-After first, else the window's reset, else one second; capped. A reset
 * further away than one window is not waited for (clock skew, or not Unix seconds).
 */
export function waitAfter429(headers: IDataObject | undefined, now = Date.now()): number {
	let wait = retryAfterMs(headers, now);
	if (wait === undefined) {
		const reset = resetAtMs(headers, now);
		if (reset !== undefined && reset - now <= MAX_RATE_LIMIT_WAIT_MS) wait = reset - now;
	}
	if (wait === undefined || !(wait > 0)) wait = 1000;
	return Math.min(wait, MAX_RATE_LIMIT_WAIT_MS);
}
