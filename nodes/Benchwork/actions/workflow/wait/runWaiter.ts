import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { asObject } from '../../../common/json';
import { apiPath } from '../../../transport/path';
import { CANCEL_CHECK_MS } from '../../../transport/wait';
import { MAX_LIST_LIMIT } from '../../../transport/fetchList';
import { readBenchworkCredential } from '../../../transport/credential';
import { sendBenchworkRequest } from '../../../transport/request';
import type { PendingOutput, StartedRun } from '../../operationTypes';
import type { WaitOptions } from './waitOptions';
import { WatchedRun } from './watchedRun';

/**
 * One wait per node run: it waits for every run its items started, all at once. Each round
 * asks for the runs that are due with as few requests as it can: one `GET /executions` list
 * (`limit=100`; filtered by `workflowId` when all waited runs are of one workflow) reports on many
 * runs, a per-workflow list follows for workflows with several runs the first list did not show,
 * and `GET /executions/:id` only for single runs no list showed (the API documents no ordering,
 * so a run's absence from a list proves nothing). A node run over a single item reads its run by
 * ID. Rounds
 * never overlap, every request goes through the transport (the key's rate window, 429s), and
 * deadlines and cancellation are checked between requests, so no request holds up a timeout.
 */
class RunWaiter {
	private readonly runs = new Set<WatchedRun>();
	private looping = false;
	private polling = false;
	/** A node run over one item reads its run by ID (one request either way, the run in full). */
	private readonly batched: boolean;

	constructor(private readonly context: IExecuteFunctions) {
		this.batched = context.getInputData().length > 1;
	}

	watch(run: StartedRun, options: WaitOptions): WatchedRun {
		const watched = new WatchedRun(this.context.getNode(), run, options);
		this.runs.add(watched);
		if (!this.looping) {
			this.looping = true;
			void this.loop().finally(() => (this.looping = false));
		}
		return watched;
	}

	private live(): WatchedRun[] {
		for (const run of this.runs) if (run.closed) this.runs.delete(run);
		return [...this.runs];
	}

	private cancelled(): boolean {
		return this.context.getExecutionCancelSignal?.()?.aborted === true;
	}

	private async loop(): Promise<void> {
		for (let runs = this.live(); runs.length > 0; runs = this.live()) {
			const now = Date.now();
			if (this.cancelled()) {
				for (const run of runs) run.cancel();
				continue;
			}
			for (const run of runs) if (now >= run.deadline) run.timeOut();
			const waiting = runs.filter((run) => !run.closed);
			if (!this.polling) {
				const due = waiting.filter((run) => run.nextPollAt <= now);
				if (due.length > 0) {
					this.polling = true;
					void this.round(due).finally(() => (this.polling = false));
				}
			}
			const next = Math.min(
				...waiting.map((run) =>
					this.polling ? run.deadline : Math.min(run.nextPollAt, run.deadline),
				),
			);
			await sleep(Math.max(5, Math.min(CANCEL_CHECK_MS, next - Date.now())));
		}
	}

	/** One poll of the due runs; never throws (each run closes with its own error). */
	private async round(due: WatchedRun[]): Promise<void> {
		const startedAt = Date.now();
		let secrets: string[] = [];
		try {
			secrets = [(await readBenchworkCredential(this.context)).apiKey];
			const open = () => due.filter((run) => !run.closed && run.nextPollAt <= Date.now());
			if (this.batched) {
				const live = this.live();
				const workflows = new Set(live.map((run) => run.run.workflowId));
				const single = workflows.size === 1 ? [...workflows][0] : undefined;
				await this.fromList(single, open(), secrets, startedAt);
				if (single === undefined) {
					for (const workflowId of workflows) {
						const missing = open().filter((run) => run.run.workflowId === workflowId);
						if (missing.length > 1) await this.fromList(workflowId, missing, secrets, startedAt);
					}
				}
			}
			for (const run of open()) await this.byId(run, secrets, startedAt);
		} catch (error) {
			for (const run of due) run.requestFailed(error, this.cancelled());
		}
	}

	private request(path: string, covering: WatchedRun[], qs?: IDataObject) {
		const atMs = Math.max(...covering.map((run) => run.deadline));
		return sendBenchworkRequest.call(this.context, {
			method: 'GET',
			path,
			qs,
			acceptStatuses: [404],
			deadline: {
				atMs,
				onExpiry: () => new Error('the Timeout passed while waiting for Benchwork'),
			},
		});
	}

	/**
	 * Reads every watched run a list shows. A failed list fails the runs it was asked for (each
	 * with its own error); an answer that is not a list is logged and shows nothing, so those
	 * runs are then read by ID.
	 */
	private async fromList(
		workflowId: string | undefined,
		asked: WatchedRun[],
		secrets: string[],
		startedAt: number,
	): Promise<void> {
		const qs: IDataObject =
			workflowId === undefined ? { limit: MAX_LIST_LIMIT } : { workflowId, limit: MAX_LIST_LIMIT };
		let answer;
		try {
			// Open until the last deadline of the runs it may show; each run still times out on its own.
			answer = await this.request(apiPath('executions'), this.live(), qs);
		} catch (error) {
			for (const run of asked) run.requestFailed(error, this.cancelled());
			return;
		}
		const list = (answer.body as IDataObject | undefined)?.executions;
		if (answer.statusCode !== 200 || !Array.isArray(list)) {
			this.context.logger?.warn(
				`Benchwork answered GET /executions (HTTP ${answer.statusCode}) without a list of executions; reading the runs one by one instead`,
			);
			return;
		}
		const byExecutionId = new Map<string, WatchedRun[]>();
		for (const run of this.live()) {
			byExecutionId.set(run.run.executionId, [
				...(byExecutionId.get(run.run.executionId) ?? []),
				run,
			]);
		}
		for (const entry of list as unknown[]) {
			const execution = asObject(entry) as IDataObject | undefined;
			if (!execution) continue;
			const id = execution.id;
			if (typeof id !== 'string' && typeof id !== 'number') continue;
			for (const run of byExecutionId.get(String(id)) ?? [])
				run.read(execution, secrets, startedAt);
		}
	}

	private async byId(run: WatchedRun, secrets: string[], startedAt: number): Promise<void> {
		let answer;
		try {
			answer = await this.request(apiPath('executions', run.run.executionId), [run]);
		} catch (error) {
			run.requestFailed(error, this.cancelled());
			return;
		}
		if (answer.statusCode === 404) return run.notFoundById(startedAt);
		run.read((asObject(answer.body) as IDataObject | undefined) ?? {}, secrets, startedAt);
	}
}

const waiters = new WeakMap<object, RunWaiter>();

/**
 * Waits for a started run with this node run's RunWaiter (n8n gives every node run its own
 * context): the item's output is the finished execution. The Timeout is a deadline for the whole
 * wait, requests included; every way the wait can end other than success is a StartedRunError,
 * so the run's ID is never lost.
 */
export function waitForRun(
	context: IExecuteFunctions,
	run: StartedRun,
	options: WaitOptions,
): PendingOutput {
	let waiter = waiters.get(context);
	if (!waiter) {
		waiter = new RunWaiter(context);
		waiters.set(context, waiter);
	}
	const watched = waiter.watch(run, options);
	return {
		output: watched.completion.then((execution) => [execution]),
		inTurn: options.inTurn,
		abandon: () => watched.abandon(),
	};
}
