import type { INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { PendingOutput } from './operationTypes';

/** How an item ended: its output, or its error (already marked with the item). */
export interface ItemResult {
	itemIndex: number;
	output?: INodeExecutionData[];
	error?: NodeApiError | NodeOperationError;
}

/**
 * The items whose output comes later (their runs are being waited for, all at once). Results
 * never reject; without Continue On Fail the first failure in time is kept, so the node can fail
 * at once instead of after every other run has finished.
 */
export class PendingItems {
	private readonly later: Array<{ pending: PendingOutput; result: Promise<ItemResult> }> = [];
	private readonly all: PendingOutput[] = [];
	private firstFailure: ItemResult | undefined;
	private noteFailure: (result: ItemResult) => void = () => {};
	private readonly failed = new Promise<ItemResult>((resolve) => (this.noteFailure = resolve));

	constructor(
		private readonly mark: (error: unknown, itemIndex: number) => NodeApiError | NodeOperationError,
		private readonly failFast: boolean,
	) {}

	/** The first failure so far (only kept without Continue On Fail). */
	get failure(): ItemResult | undefined {
		return this.firstFailure;
	}

	/** An item the next one waits for (Run Items: One After Another): its result, once its run has ended. */
	waitInTurn(pending: PendingOutput, itemIndex: number): Promise<ItemResult> {
		return this.track(pending, itemIndex);
	}

	/** An item whose result is collected with the others at the end (collect()). */
	collectLater(pending: PendingOutput, itemIndex: number): void {
		this.later.push({ pending, result: this.track(pending, itemIndex) });
	}

	private track(pending: PendingOutput, itemIndex: number): Promise<ItemResult> {
		const result = pending.output.then(
			(items): ItemResult => ({
				itemIndex,
				output: items.map((json) => ({ json, pairedItem: { item: itemIndex } })),
			}),
			(error: unknown): ItemResult => {
				const failed = { itemIndex, error: this.mark(error, itemIndex) };
				if (this.failFast && !this.firstFailure) {
					this.firstFailure = failed;
					this.noteFailure(failed);
				}
				return failed;
			},
		);
		this.all.push(pending);
		return result;
	}

	/** Every later result, in input order; without Continue On Fail, only the first failure as soon as it happens. */
	async collect(): Promise<ItemResult[]> {
		const results = Promise.all(this.later.map((entry) => entry.result));
		const collected = this.failFast
			? await Promise.race([results, this.failed.then((failure) => [failure])])
			: await results;
		return this.firstFailure ? [this.firstFailure] : collected;
	}

	/** Stops waiting for every run (the node is failing). */
	abandonAll(): void {
		for (const pending of this.all) pending.abandon();
	}
}
