import type { INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { PendingOutput } from './operation';

/** How an item ended: its output, or its error (already marked with the item). */
export interface Outcome {
	itemIndex: number;
	output?: INodeExecutionData[];
	error?: NodeApiError | NodeOperationError;
}

/**
 * The items whose output comes later (their runs are being waited for, all at once). Outcomes
 * never reject; without Continue On Fail the first failure in time is kept, so the node can fail
 * at once instead of after every other run has finished.
 */
export class PendingItems {
	private readonly later: Array<{ pending: PendingOutput; outcome: Promise<Outcome> }> = [];
	private readonly all: PendingOutput[] = [];
	private firstFailure: Outcome | undefined;
	private noteFailure: (outcome: Outcome) => void = () => {};
	private readonly failed = new Promise<Outcome>((resolve) => (this.noteFailure = resolve));

	constructor(
		private readonly mark: (error: unknown, itemIndex: number) => NodeApiError | NodeOperationError,
		private readonly failFast: boolean,
	) {}

	/** The first failure so far (only kept without Continue On Fail). */
	get failure(): Outcome | undefined {
		return this.firstFailure;
	}

	/** Tracks an item's pending output; `later` ones are collected by settle(). */
	add(pending: PendingOutput, itemIndex: number, later: boolean): Promise<Outcome> {
		const outcome = pending.output.then(
			(items): Outcome => ({
				itemIndex,
				output: items.map((json) => ({ json, pairedItem: { item: itemIndex } })),
			}),
			(error: unknown): Outcome => {
				const failed = { itemIndex, error: this.mark(error, itemIndex) };
				if (this.failFast && !this.firstFailure) {
					this.firstFailure = failed;
					this.noteFailure(failed);
				}
				return failed;
			},
		);
		this.all.push(pending);
		if (later) this.later.push({ pending, outcome });
		return outcome;
	}

	/** Every later outcome, in input order; without Continue On Fail, only the first failure as soon as it happens. */
	async settle(): Promise<Outcome[]> {
		const outcomes = Promise.all(this.later.map((entry) => entry.outcome));
		const settled = this.failFast
			? await Promise.race([outcomes, this.failed.then((failure) => [failure])])
			: await outcomes;
		return this.firstFailure ? [this.firstFailure] : settled;
	}

	/** Stops waiting for every run (the node is failing). */
	abandonAll(): void {
		for (const pending of this.all) pending.abandon();
	}
}
