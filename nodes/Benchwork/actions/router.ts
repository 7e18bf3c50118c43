import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { resource as execution } from './execution/Execution.resource';
import type { BenchworkOperation, OperationResult, StartedRun } from './operationTypes';
import type { ItemResult } from './pendingItems';
import { PendingItems } from './pendingItems';
import type { BenchworkResource } from './resource';
import { resource as workflow } from './workflow/Workflow.resource';
import { forgetNodeRun } from './workflow/start/startLedger';
import { StartedRunError } from './workflow/start/startedRunError';
import { errorReason } from '../common/errorReason';
import { redactText, redactValue } from '../common/redact';
import { secretsOf } from '../transport/credential';

/** Every resource of the node: its Resource picker and the table below are built from this list. */
export const resources: BenchworkResource[] = [execution, workflow];

/** resource → operation name → operation, from what each resource lists. */
const operations: Record<string, Record<string, BenchworkOperation<unknown>>> = Object.fromEntries(
	resources.map((resource) => [
		resource.key,
		Object.fromEntries(resource.operations.map((operation) => [operation.option.value, operation])),
	]),
);

function operationFor(this: IExecuteFunctions, itemIndex: number): BenchworkOperation<unknown> {
	const resource = this.getNodeParameter('resource', itemIndex) as string;
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const found = operations[resource]?.[operation];
	if (!found) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return found;
}

/** The one place an error gets its item: n8n's item context and the `[item N]` marker. */
function markItem(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.message = `${error.message} [item ${itemIndex}]`;
		error.context = { ...error.context, itemIndex };
		return error;
	}
	const message = errorReason(error);
	return new NodeOperationError(this.getNode(), `${message} [item ${itemIndex}]`, { itemIndex });
}

const LISTED_RUNS = 20;

type StartedBy = StartedRun & { itemIndex: number };

/**
 * When an item fails the node part-way, n8n drops the output of the other items: say which
 * Benchwork runs they already started, so a re-run does not start them again unnoticed.
 */
function nameStartedRuns(
	error: NodeApiError | NodeOperationError,
	started: StartedBy[],
	itemIndex: number,
): void {
	const others = started.filter((run) => run.itemIndex !== itemIndex);
	if (others.length === 0) return;
	const ids = others.map((run) => run.executionId);
	const listed = ids.slice(0, LISTED_RUNS).join(', ');
	const more = ids.length > LISTED_RUNS ? ` and ${ids.length - LISTED_RUNS} more` : '';
	const who = others.every((run) => run.itemIndex < itemIndex)
		? `The ${ids.length} item(s) before this one already started`
		: `${ids.length} other item(s) already started`;
	const note = `${who} Benchwork runs (${listed}${more}); executing the workflow again starts them again (n8n's Retry On Fail does not).`;
	error.description = error.description ? `${error.description} ${note}` : note;
	error.context = { ...error.context, startedExecutionIds: ids };
}

/** An item's output under Continue On Fail: the error, its fix, and the run it started, if any. */
function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	return {
		json: {
			error: error.message,
			...(error.description ? { description: error.description } : {}),
			...(error instanceof StartedRunError ? error.output : {}),
		},
		pairedItem: { item: itemIndex },
	};
}

type Prepared =
	{ operation: BenchworkOperation<unknown>; params: unknown } | { failed: INodeExecutionData };

/**
 * How an item's execute() ended. Never a rejection: a read still on its way when the node fails
 * is left to finish, and must not reject with nobody listening.
 */
type Outcome =
	{ result: OperationResult; error?: undefined } | { result?: undefined; error: unknown };

/**
 * Requests of read-only items (Get, Get Many) on their way at once at most. Waiting for each
 * answer before sending the next left n8n idle for most of an item (the HTTP Request node sends
 * all items at once). Once this many are on their way, the older half is finished before more are
 * sent: requests go out in groups, which cost n8n (and the server) less CPU per request than
 * sending one as each answer comes. The rate-limit window still counts every request on its way
 * (reserveCall), so they never take more calls than it has left.
 */
const READ_AHEAD = 32;

/**
 * Owns the item loop. Every item's parameters are checked first, so bad input fails the run
 * before any request is sent (or, with Continue On Fail, fails only its own item); then the
 * items run in order. Read-only items' requests overlap (READ_AHEAD), but their results are
 * taken in order, and nothing else is sent before every earlier item has its result. An item
 * that waits for a run it started (pending) is collected at the end, so all runs are waited for
 * at once, unless it asks to be waited for in turn. Each output item is paired with the input
 * item it came from, and the output keeps the input order.
 *
 * Redaction happens once, where each piece of output comes from, not again over every item:
 * - what Benchwork sends: the transport redacts every answer's body (sendBenchworkRequest) and
 *   every error it builds from one, so an operation's items (the answer, or Simplify's fields
 *   taken from it) are clean as they arrive;
 * - what the router builds: Continue On Fail items (an error's text and description, a started
 *   run's IDs and execution copy) and thrown errors are redacted here (redactItemErrors,
 *   redactError), since an operation, n8n or a local cause may have put anything into them;
 * - what the user typed and an item echoes: Trigger's output `{ executionId, workflowId }` names
 *   the Workflow ID as entered (an expression may take it from input data). It is the only
 *   successful output not read from an answer, so the Trigger operation redacts it itself
 *   (startedRunItem): a key typed or mapped into that field is not passed on either.
 * The Benchwork Trigger redacts its deliveries itself.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	let run: ItemsRun;
	try {
		run = await runItems.call(this);
	} catch (error) {
		throw redactError(error, await secretsOf(this));
	}
	return [await redactItemErrors.call(this, run)];
}

/**
 * The second line behind the transport's redaction: whatever an operation or n8n put into a
 * thrown error (its text, its stack, its context, a started run's execution) loses any key.
 */
function redactError(error: unknown, secrets: string[]): unknown {
	if (!(error instanceof Error)) return error;
	error.message = redactText(error.message, secrets);
	if (error.stack) error.stack = redactText(error.stack, secrets);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) error.description = redactText(error.description, secrets);
		error.context = redactValue(error.context, secrets);
	}
	if (error instanceof StartedRunError && error.run.execution) {
		error.run.execution = redactValue(error.run.execution, secrets);
	}
	return error;
}

/** The output with its Continue On Fail items (the ones the router built) redacted. */
async function redactItemErrors(
	this: IExecuteFunctions,
	{ output, failed }: ItemsRun,
): Promise<INodeExecutionData[]> {
	if (failed.size === 0) return output;
	const secrets = await secretsOf(this);
	return output.map((item) =>
		failed.has(item) ? { ...item, json: redactValue(item.json, secrets) } : item,
	);
}

/** The items' output in order, and which of its items are Continue On Fail items. */
interface ItemsRun {
	output: INodeExecutionData[];
	failed: Set<INodeExecutionData>;
}

/** The item loop of router(), before its Continue On Fail items are redacted. */
async function runItems(this: IExecuteFunctions): Promise<ItemsRun> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const prepared: Prepared[] = [];
	const failed = new Set<INodeExecutionData>();
	const failedItem = (error: NodeApiError | NodeOperationError, itemIndex: number) => {
		const item = errorItem(error, itemIndex);
		failed.add(item);
		return item;
	};

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const operation = operationFor.call(this, itemIndex);
			prepared.push({ operation, params: operation.prepare.call(this, itemIndex) });
		} catch (error) {
			const itemError = markItem.call(this, error, itemIndex);
			if (!continueOnFail) throw itemError;
			prepared.push({ failed: failedItem(itemError, itemIndex) });
		}
	}

	const output: INodeExecutionData[][] = [];
	const started: StartedBy[] = [];
	const pending = new PendingItems(
		(error, itemIndex) => markItem.call(this, error, itemIndex),
		!continueOnFail,
	);
	const failNode = (error: NodeApiError | NodeOperationError, itemIndex: number) => {
		pending.abandonAll();
		nameStartedRuns(error, started, itemIndex);
		return error;
	};
	const take = (result: ItemResult) => {
		if (result.error && !continueOnFail) throw failNode(result.error, result.itemIndex);
		output[result.itemIndex] = result.error
			? [failedItem(result.error, result.itemIndex)]
			: (result.output ?? []);
	};

	const outcomeOf = async (
		operation: BenchworkOperation<unknown>,
		params: unknown,
		itemIndex: number,
	): Promise<Outcome> => {
		try {
			return { result: await operation.execute.call(this, params, itemIndex) };
		} catch (error) {
			return { error };
		}
	};
	const finish = async (itemIndex: number, { result, error }: Outcome) => {
		if (!result) return take({ itemIndex, error: markItem.call(this, error, itemIndex) });
		if (result.startedRun) started.push({ ...result.startedRun, itemIndex });
		if (!result.pending) {
			output[itemIndex] = result.items.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		} else if (result.pending.inTurn) {
			take(await pending.waitInTurn(result.pending, itemIndex));
		} else {
			pending.collectLater(result.pending, itemIndex);
		}
	};
	/** Read-only items whose requests are on their way, oldest first; finished in input order. */
	const reading: Array<{ itemIndex: number; outcome: Promise<Outcome> }> = [];
	let readsFinished = 0;
	/** Finishes the oldest reads, in input order, until at most `left` are on their way. */
	const finishReads = async (left: number) => {
		while (reading.length > left) {
			const read = reading.shift()!;
			await finish(read.itemIndex, await read.outcome);
			readsFinished++;
		}
	};

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		// A run an earlier item is waiting for failed: the node fails now (no new run is started).
		if (pending.failure) take(pending.failure);
		const entry = prepared[itemIndex];
		if ('failed' in entry) {
			output[itemIndex] = [entry.failed];
			continue;
		}
		if (entry.operation.readOnly) {
			reading.push({ itemIndex, outcome: outcomeOf(entry.operation, entry.params, itemIndex) });
			// The first read goes alone: its answer tells the key's rate-limit window (and a setup
			// that fails every item fails at the first request).
			if (readsFinished === 0) await finishReads(0);
			else if (reading.length >= READ_AHEAD) await finishReads(READ_AHEAD / 2);
			continue;
		}
		// Whatever may change something in Benchwork is sent only once every item before it has its
		// answer, so a failure there stops the node before it, as if the items ran one by one. (n8n
		// gives every item the same operation today; this keeps that rule should it ever not.)
		await finishReads(0);
		await finish(itemIndex, await outcomeOf(entry.operation, entry.params, itemIndex));
	}
	await finishReads(0);
	for (const later of await pending.collect()) take(later);
	// n8n may run the node again only after an error item (Continue On Fail) or a throw.
	if (failed.size === 0) forgetNodeRun(this);
	return { output: output.flat(), failed };
}
