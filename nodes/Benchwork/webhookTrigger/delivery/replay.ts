import { digest } from '../../common/digest';
import { ExpiringMemory } from './expiringMemory';
import { MAX_CLOCK_SKEW_SECONDS } from './signature';

/**
 * Deliveries that started the workflow, remembered in this process for the replay window, so
 * a repeat (a replayed request, or Benchwork resending one whose answer it did not get) starts
 * nothing. In process memory on purpose: n8n 2.x does not save static data that webhook()
 * changes when the call starts a run, and where it does (1.x), simultaneous calls overwrite
 * each other's copy. So a repeat that reaches another n8n process (queue mode: another webhook
 * processor) or arrives after a restart is not recognised. Only digests are kept: no delivery
 * ID or signature can be read back out of memory.
 */
const WINDOW_MS = MAX_CLOCK_SKEW_SECONDS * 1000;

/** At most this many deliveries remembered per process (over all triggers). */
export const MAX_REMEMBERED_DELIVERIES = 20_000;

const seen = new ExpiringMemory<number>(MAX_REMEMBERED_DELIVERIES);

/**
 * True the first time a delivery is seen for this registration (named by registrationKey), false for a repeat. Checks
 * and records in one synchronous step, so simultaneous repeats in one process start once.
 * Remembered until the signed timestamp leaves the window (when a replay of the same bytes
 * is refused anyway) and at least one window after it was last seen (Benchwork resends with
 * a fresh timestamp).
 */
export function firstSighting(
	registrationKey: string,
	deliveryKey: string,
	signedAtSeconds: number,
	nowMs: number,
): boolean {
	const key = digest(registrationKey, deliveryKey);
	const rememberUntil = Math.max(nowMs, signedAtSeconds * 1000) + WINDOW_MS;
	const until = seen.get(key, nowMs);
	seen.set(key, Math.max(until ?? 0, rememberUntil), Math.max(until ?? 0, rememberUntil), nowMs);
	return until === undefined;
}
