import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { digest } from '../../../common/digest';
import type { StartedRun } from '../../operationTypes';

/**
 * What each item's start request did in this node run, so that n8n's Retry On Fail (which calls the
 * node's execute() again with the same input, execution ID and run index) never starts a run
 * twice: a started run is handed back without a request, and a start request that may have reached
 * Benchwork fails again with its first error instead of being sent again.
 *
 * It lives in process memory because n8n retries a node in the same process (queue mode too).
 * It holds digests as keys, run IDs, and the error text the user was already shown (redacted
 * and bounded by the transport): no key, no payload. Bounded in age and size.
 */
interface LedgerEntry {
	started?: StartedRun;
	unsure?: { message: string; description?: string };
}

interface NodeRun {
	touchedAt: number;
	items: Map<string, LedgerEntry>;
}

/** A node run's record is kept this long after it was last used (a wait may take up to 24 h). */
const KEEP_MS = 25 * 60 * 60 * 1000;
/** Items remembered over all node runs; the least recently used node runs go first. */
const MAX_ITEMS = 20_000;

const nodeRuns = new Map<string, NodeRun>();
let itemCount = 0;
const runKeys = new WeakMap<object, string | undefined>();

/** This node run: n8n execution, workflow, node and run index; undefined when n8n gives no execution ID. */
function nodeRunKey(context: IExecuteFunctions): string | undefined {
	if (runKeys.has(context)) return runKeys.get(context);
	const executionId = context.getExecutionId?.();
	let key: string | undefined;
	if (typeof executionId === 'string' && executionId !== '') {
		try {
			const runIndex = String(context.getWorkflowDataProxy(0).$runIndex ?? 0);
			key = digest(
				executionId,
				String(context.getWorkflow().id ?? ''),
				context.getNode().name,
				runIndex,
			);
		} catch {
			// Without the run index, two runs of the node in one execution (a loop) could not be
			// told apart: keep no record rather than hand one run's result to another.
			key = undefined;
		}
	}
	runKeys.set(context, key);
	return key;
}

function drop(key: string): void {
	const run = nodeRuns.get(key);
	if (!run) return;
	itemCount -= run.items.size;
	nodeRuns.delete(key);
}

/** Drops records past their age, then the least recently used while over the size bound. */
function prune(now: number, keep: string): void {
	for (const [key, run] of nodeRuns) {
		if (key === keep || (now - run.touchedAt <= KEEP_MS && itemCount <= MAX_ITEMS)) break;
		drop(key);
	}
}

function touch(key: string, now = Date.now()): NodeRun {
	let run = nodeRuns.get(key);
	if (run) nodeRuns.delete(key);
	else run = { touchedAt: now, items: new Map() };
	run.touchedAt = now;
	nodeRuns.set(key, run); // re-inserted: Map order is least recently used first
	prune(now, key);
	return run;
}

export interface LedgerSlot {
	nodeRun: string;
	item: string;
}

/** Where one item's start request is recorded: its index, the Benchwork workflow and a digest of its payload. */
export function slotFor(
	context: IExecuteFunctions,
	itemIndex: number,
	workflowId: string,
	payload: IDataObject | undefined,
): LedgerSlot | undefined {
	const nodeRun = nodeRunKey(context);
	if (!nodeRun) return undefined;
	return {
		nodeRun,
		item: digest(
			String(itemIndex),
			workflowId,
			payload === undefined ? '' : JSON.stringify(payload),
		),
	};
}

/** What an earlier try of this node run recorded for the item, if anything. */
export function earlierEntry(slot: LedgerSlot): LedgerEntry | undefined {
	return nodeRuns.has(slot.nodeRun) ? touch(slot.nodeRun).items.get(slot.item) : undefined;
}

function record(slot: LedgerSlot, entry: LedgerEntry): void {
	const run = touch(slot.nodeRun);
	if (!run.items.has(slot.item)) itemCount++;
	run.items.set(slot.item, entry);
}

export function recordStarted(slot: LedgerSlot | undefined, run: StartedRun): void {
	if (slot) record(slot, { started: { executionId: run.executionId, workflowId: run.workflowId } });
}

/** The start request may have reached Benchwork: a retry must not send it again. */
export function recordUnsure(
	slot: LedgerSlot | undefined,
	error: { message: string; description?: string | null },
): void {
	if (slot)
		record(slot, {
			unsure: { message: error.message, description: error.description ?? undefined },
		});
}

/** The error an unsure start request gets again when n8n retries the node. */
export function unsureAgain(
	context: IExecuteFunctions,
	unsure: NonNullable<LedgerEntry['unsure']>,
): NodeOperationError {
	const note =
		"n8n ran this node again (Retry On Fail); this item's start request was not sent again.";
	return new NodeOperationError(context.getNode(), unsure.message, {
		description: unsure.description ? `${unsure.description} ${note}` : note,
	});
}

/**
 * The node run is over: n8n runs a node again (Retry On Fail) only after it threw, or when its
 * first item is an error item under Continue On Fail. The router calls this when neither
 * happened, whatever the output carries (a finished execution has its own `error` field).
 */
export function forgetNodeRun(context: IExecuteFunctions): void {
	const key = runKeys.get(context);
	if (key) drop(key);
}
