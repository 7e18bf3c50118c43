import type { IDataObject, INode } from 'n8n-workflow';

import { errorReason } from '../../../common/errorReason';
import { quotable } from '../../../transport/apiText';
import type { StartedRun } from '../../operationTypes';
import { StartedRunError } from '../start/startedRunError';
import { failureReason, runState } from '../../execution/runState';
import type { WaitOptions } from './waitOptions';

/** A just-started execution may not be readable at once; this many 404s are tolerated first. */
const NOT_YET_VISIBLE_POLLS = 3;

const NOT_STARTED_AGAIN =
	'The run was started in Benchwork and keeps going there; it was not started again.';

/**
 * One started run being waited for: its deadline, when it is next due for a poll, what was last
 * seen of it, and the promise its item waits on. Every way it can end other than success is a
 * StartedRunError carrying the run, so its ID is never lost.
 */
export class WatchedRun {
	readonly completion: Promise<IDataObject>;
	readonly deadline: number;
	nextPollAt: number;
	/** The wait is over (the run ended, failed to be followed, timed out, or was abandoned). */
	closed = false;
	private notFound = 0;
	private lastStatus: string | undefined;
	private resolve!: (execution: IDataObject) => void;
	private reject!: (error: Error) => void;

	constructor(
		private readonly node: INode,
		readonly run: StartedRun,
		readonly options: WaitOptions,
		now = Date.now(),
	) {
		this.deadline = now + options.timeoutMs;
		this.nextPollAt = Math.min(now + options.pollIntervalMs, this.deadline);
		this.completion = new Promise<IDataObject>((resolve, reject) => {
			this.resolve = resolve;
			this.reject = reject;
		});
	}

	/** Reads an execution object (from the list or by ID); closes the wait when the run has ended. */
	read(execution: IDataObject, secrets: string[], roundStartedAt: number): void {
		if (this.closed) return;
		this.notFound = 0;
		const state = runState(execution);
		if (state.kind === 'succeeded') return this.succeed(execution);
		if (state.kind === 'unsuccessful') {
			const what = state.failed
				? `failed: ${quotable(failureReason(execution), secrets)}`
				: `ended with status "${quotable(state.status, secrets)}"`;
			return this.fail(
				this.error(
					`Benchwork run ${this.run.executionId} of workflow ${this.run.workflowId} ${what}`,
					'The workflow ran in Benchwork and did not succeed. Open the run in Benchwork for the step results; turn on Continue On Fail (Settings) to pass such runs on as items instead.',
					execution,
				),
			);
		}
		this.lastStatus = quotable(state.status, secrets);
		this.polled(roundStartedAt);
	}

	/** GET /executions/:id answered 404: tolerated right after the start, then the run is gone. */
	notFoundById(roundStartedAt: number): void {
		if (this.closed) return;
		if (++this.notFound > NOT_YET_VISIBLE_POLLS) {
			return this.fail(
				this.error(
					`Benchwork no longer knows execution ${this.run.executionId} (404) that it just started`,
					`${NOT_STARTED_AGAIN} The run may have been deleted in Benchwork: check its executions list.`,
				),
			);
		}
		this.polled(roundStartedAt);
	}

	/** A poll request failed: past the deadline that is a timeout, else the request's own error. */
	requestFailed(error: unknown, cancelled: boolean): void {
		if (Date.now() >= this.deadline) return this.timeOut();
		if (cancelled) return this.cancel();
		const reason = errorReason(error);
		const fix = (error as { description?: unknown }).description;
		this.fail(
			this.error(
				`Could not follow Benchwork execution ${this.run.executionId} of workflow ${this.run.workflowId}: ${reason}`,
				`${NOT_STARTED_AGAIN} Check the run in Benchwork.${typeof fix === 'string' ? ` ${fix}` : ''}`,
			),
		);
	}

	timeOut(): void {
		const { executionId } = this.run;
		const seconds = Math.round(this.options.timeoutMs / 1000);
		let where: string;
		if (this.lastStatus === undefined) where = 'not yet reported by Benchwork';
		else if (this.lastStatus.toLowerCase() === 'running') where = 'still running';
		else where = `still at status "${this.lastStatus}"`;
		this.fail(
			this.error(
				`Benchwork execution ${executionId} was ${where} after ${seconds} s`,
				`${NOT_STARTED_AGAIN} Raise Timeout, or turn off Wait for Completion and react to the end of the run with the Benchwork Trigger node.`,
			),
		);
	}

	cancel(): void {
		this.fail(
			this.error(
				`Stopped waiting for Benchwork execution ${this.run.executionId}: the n8n execution was cancelled`,
				`${NOT_STARTED_AGAIN} It was not cancelled in Benchwork.`,
			),
		);
	}

	/** Stops waiting without an outcome: the node is failing because of another item. */
	abandon(): void {
		this.closed = true;
	}

	/**
	 * Polls start one Poll Interval apart (counted from the start of the round that asked, so a
	 * slow answer does not add to the time a finished run waits to be seen), and never closer
	 * than half an interval after an answer.
	 */
	private polled(roundStartedAt: number): void {
		const interval = this.options.pollIntervalMs;
		this.nextPollAt = Math.min(
			Math.max(roundStartedAt + interval, Date.now() + interval / 2),
			this.deadline,
		);
	}

	private error(message: string, description: string, execution?: IDataObject): StartedRunError {
		const { executionId, workflowId } = this.run;
		return new StartedRunError(
			this.node,
			{ executionId, workflowId, ...(execution ? { execution } : {}) },
			message,
			description,
		);
	}

	private succeed(execution: IDataObject): void {
		this.closed = true;
		this.resolve(execution);
	}

	private fail(error: Error): void {
		if (this.closed) return;
		this.closed = true;
		this.reject(error);
	}
}
