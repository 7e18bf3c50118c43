import type { IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { BenchworkContext } from './credential';

/** How often a wait wakes to honour the cancel signal and deadlines. */
export const CANCEL_CHECK_MS = 200;

/**
 * Waits `ms`, waking every slice to honour the execution's cancel signal (n8n 1.x's `sleep`
 * takes no signal). Returns false when cancelled, true when the full time passed.
 */
export async function waitUnlessCancelled(
	ms: number,
	signal: AbortSignal | undefined,
): Promise<boolean> {
	const until = Date.now() + ms;
	for (;;) {
		if (signal?.aborted) return false;
		const left = until - Date.now();
		if (left <= 0) return true;
		await sleep(Math.min(left, CANCEL_CHECK_MS));
	}
}

/** The execution's cancel signal; contexts other than a node run (hooks, webhooks) have none. */
export function cancelSignal(context: BenchworkContext): AbortSignal | undefined {
	const candidate = context as Partial<IExecuteFunctions>;
	return typeof candidate.getExecutionCancelSignal === 'function'
		? candidate.getExecutionCancelSignal()
		: undefined;
}
