/**
 * Runs the Benchwork Polling Trigger the way n8n does: n8n-core's real PollContext over
 * n8n-workflow's Workflow. What n8n's CLI package adds is stood in for here, under either of
 * n8n's two poll engines, as n8n 1.123 and 2.41 do it:
 *
 * `legacy` (n8n's default; active-workflow-manager, poll-trigger-executor):
 * - an activation builds one context and polls with it at once (a failure fails the
 *   activation), then at every Poll Time with the same context;
 * - a poll that returns items starts one execution with them, and only then (or at activation)
 *   is the workflow's static data saved to the database; a poll returning null saves nothing.
 *
 * `scheduler` (n8n 2.41 with N8N_SCHEDULER_ENABLED, N8N_SCHEDULER_POLL_TRIGGERS_ENABLED and
 * N8N_POLLER_DURABLE_CURSORS_ENABLED; active-workflow-triggers, poll-trigger-task-handler,
 * trigger-execution-context.factory, poll-cursor.service):
 * - the node's static data is a cursor row of its own (poller_state), created from the node's
 *   saved static data the first time a poll needs it; each poll works on a copy of the row;
 * - publishing polls once only when it creates the trigger's jobs (first publication, or after
 *   unpublishing), as a test: items start an execution, null commits nothing; then the
 *   workflow's static data is saved (the node's part of it is the database's, not the poll's);
 * - n8n starting, and publishing changes, poll nothing;
 * - every scheduled poll gets a fresh context (activation mode `update`) on the saved static data
 *   and a copy of the row read as it starts; items: the workflow's static data is saved and the
 *   copy committed with the execution; null: the copy alone is committed;
 * - Poll Times that come due together, and after a restart every one that came due in the last
 *   minute, start at once, each with its own copy of the same row (pollTogether).
 *
 * The database is `staticData` (and `cursorRow`) here: kept as JSON between calls, so nothing
 * survives in memory across a restart. Fetch Test Event polls once in manual mode on a copy of
 * the saved static data.
 */
import { PollContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	Workflow,
	WorkflowActivateMode,
} from 'n8n-workflow';

import type { BenchworkCredentialData } from './n8nHarness';
import { additionalDataFor, buildWorkflow, nodeWith } from './n8nHarness';

export const POLLING_TRIGGER_TYPE = 'n8n-nodes-benchwork.benchworkPollingTrigger';

/** n8n's poll engines: its default, and its durable scheduler with durable cursors (2.41). */
export type PollEngine = 'legacy' | 'scheduler';

/** The node's poll() as n8n calls it. */
type PollingNode = INodeType & Required<Pick<INodeType, 'poll'>>;

const NODE_MODULE = '../../nodes/Benchwork/BenchworkPollingTrigger.node';

/**
 * The node as one n8n process loads it: a copy of its modules of its own, so what the node keeps
 * in memory lives as long as that process (stop() starts another).
 */
function startProcess(): PollingNode {
	let nodeType: PollingNode | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const loaded = require(NODE_MODULE) as { BenchworkPollingTrigger: new () => PollingNode };
		nodeType = new loaded.BenchworkPollingTrigger();
	});
	return nodeType!;
}

/** A plain copy, as n8n's database would give it back (the change marker is not saved). */
function copy<T>(value: T): T {
	return JSON.parse(
		JSON.stringify(value, (key, inner: unknown) => (key === '__dataChanged' ? undefined : inner)),
	) as T;
}

/** Each workflow its own id: n8n tells triggers apart by workflow and node. */
let workflows = 0;

export interface PollWorkflowOptions {
	parameters: INodeParameters;
	credentials: BenchworkCredentialData;
	staticData?: IDataObject;
	engine?: PollEngine;
}

/** One saved n8n workflow holding one Benchwork Polling Trigger. */
export class PollWorkflow {
	parameters: INodeParameters;

	credentials: BenchworkCredentialData;

	readonly engine: PollEngine;

	/** The workflow's static data as n8n's database holds it. */
	staticData: IDataObject;

	/** scheduler: the trigger's cursor row (poller_state), once a poll created it. */
	cursorRow: IDataObject | undefined;

	/** Each execution n8n started: the items of one poll. */
	readonly executions: INodeExecutionData[][] = [];

	/** Errors of scheduled polls (n8n records them as failed executions). */
	readonly pollErrors: Error[] = [];

	private readonly id = `wf-poll-${++workflows}`;

	/** The n8n process running the workflow. */
	private nodeType = startProcess();

	/** legacy: the activation's one context, while n8n runs it. */
	private active: { workflow: Workflow; context: PollContext } | undefined;

	/** scheduler: whether the trigger's poll jobs exist (from publication to unpublishing). */
	private jobs = false;

	constructor(options: PollWorkflowOptions) {
		this.parameters = options.parameters;
		this.credentials = options.credentials;
		this.engine = options.engine ?? 'legacy';
		this.staticData = copy(options.staticData ?? {});
	}

	node(): INode {
		return {
			...nodeWith(POLLING_TRIGGER_TYPE, copy(this.parameters)),
			name: 'Benchwork Polling Trigger',
		};
	}

	/** The node's part of the saved static data. */
	nodeStaticData(): IDataObject {
		return (this.staticData[`node:${this.node().name}`] as IDataObject | undefined) ?? {};
	}

	/**
	 * n8n activating the workflow: 'activate' when the user publishes it (turns it on), 'init'
	 * when n8n starts with it published, 'update' when the user publishes changes. Throws what a
	 * poll at activation throws (n8n then refuses the activation). Returns that poll's items; the
	 * scheduler polls only at a publication that creates the trigger's jobs.
	 */
	async activate(mode: WorkflowActivateMode = 'activate'): Promise<INodeExecutionData[][] | null> {
		if (this.engine === 'scheduler') {
			if (this.jobs) return null;
			this.jobs = true;
			return await this.schedulerActivationPoll(mode);
		}
		const workflow = this.savedWorkflow();
		const context = new PollContext(
			workflow,
			this.node(),
			additionalDataFor(this.credentials),
			'trigger',
			mode,
			(data) => this.emit(workflow, data),
			(error) => this.pollErrors.push(error),
		);
		const result = await this.nodeType.poll.call(context);
		this.active = { workflow, context };
		if (result !== null) this.emit(workflow, result);
		else this.save(workflow);
		return result;
	}

	/** One scheduled poll of the published workflow; a failure is recorded, as n8n does. */
	async poll(): Promise<INodeExecutionData[][] | null> {
		return (await this.pollTogether(1))[0];
	}

	/**
	 * Polls started at the same moment: Poll Times that come due together, or (scheduler) every
	 * one that came due while n8n was stopped, at its start.
	 */
	async pollTogether(count: number): Promise<Array<INodeExecutionData[][] | null>> {
		if (this.engine === 'scheduler') {
			if (!this.jobs) throw new Error('the workflow is not published');
			const row = this.cursorRow === undefined ? undefined : copy(this.cursorRow);
			return await Promise.all(
				Array.from({ length: count }, async () => await this.scheduledPoll(row)),
			);
		}
		if (!this.active) throw new Error('the workflow is not active');
		const { context } = this.active;
		return await Promise.all(
			Array.from({ length: count }, async () => {
				try {
					const result = await this.nodeType.poll.call(context);
					if (result !== null) context.__emit(result);
					return result;
				} catch (error) {
					context.__emitError(error as Error);
					return null;
				}
			}),
		);
	}

	/** n8n stopping: what it holds in memory is gone, the database (and its jobs) stay. */
	stop(): void {
		this.active = undefined;
		this.nodeType = startProcess();
	}

	/** The user unpublishes (deactivates) the workflow. */
	unpublish(): void {
		this.active = undefined;
		this.jobs = false;
	}

	/** Fetch Test Event in the editor: a manual poll on the saved static data, never saved. */
	async fetchTestEvent(): Promise<INodeExecutionData[][] | null> {
		const context = new PollContext(
			this.savedWorkflow(),
			this.node(),
			additionalDataFor(this.credentials),
			'manual',
			'manual',
		);
		return await this.nodeType.poll.call(context);
	}

	/** IDs of the Benchwork runs in every execution started, in order. */
	emittedIds(): string[] {
		return this.executions.flat().map((item) => {
			const json = item.json as IDataObject;
			const execution = (json.execution as IDataObject | undefined) ?? json;
			return String(execution.id);
		});
	}

	/** A workflow built from the saved static data, as n8n builds one from its database. */
	private savedWorkflow(): Workflow {
		return buildWorkflow(
			this.node(),
			this.nodeType,
			POLLING_TRIGGER_TYPE,
			copy(this.staticData),
			this.id,
		);
	}

	private emit(workflow: Workflow, data: INodeExecutionData[][]): void {
		this.save(workflow);
		this.executions.push(data[0]);
	}

	private save(workflow: Workflow): void {
		if (workflow.staticData.__dataChanged === true) {
			this.staticData = copy(workflow.staticData);
			workflow.staticData.__dataChanged = false;
		}
	}

	/**
	 * scheduler: a context whose node static data is a copy of the cursor row (`row`: as read
	 * when the poll started; undefined: the row as it is, created from the node's saved static
	 * data if missing). Emitting saves the workflow's static data and commits the copy with the
	 * execution; __commitCursor commits it alone. Only a changed copy is committed.
	 */
	private schedulerContext(
		activation: WorkflowActivateMode,
		row: IDataObject | undefined,
	): { workflow: Workflow; context: PollContext } {
		const workflow = this.savedWorkflow();
		const node = this.node();
		let seed: IDataObject = {};
		let staged: IDataObject = {};
		const runPoll = async <T>(poll: () => Promise<T>): Promise<T> => {
			if (row !== undefined) seed = copy(row);
			else {
				this.cursorRow ??= copy(workflow.getStaticData('node', node));
				seed = copy(this.cursorRow);
			}
			staged = copy(seed);
			return await poll();
		};
		const takeStaged = (): IDataObject | undefined => {
			if (JSON.stringify(staged) === JSON.stringify(seed)) return undefined;
			seed = copy(staged);
			return copy(staged);
		};
		const emit = (data: INodeExecutionData[][]) => {
			const cursor = takeStaged();
			this.save(workflow);
			if (cursor) this.cursorRow = cursor;
			this.executions.push(data[0]);
		};
		const context = new PollContext(
			workflow,
			node,
			additionalDataFor(this.credentials),
			'trigger',
			activation,
			emit,
			(error) => this.pollErrors.push(error),
			async () => {
				const cursor = takeStaged();
				if (cursor) this.cursorRow = cursor;
			},
			runPoll,
			() => staged,
		);
		return { workflow, context };
	}

	/** scheduler: the test poll at a publication that created the jobs; its workflow is saved. */
	private async schedulerActivationPoll(
		mode: WorkflowActivateMode,
	): Promise<INodeExecutionData[][] | null> {
		const { workflow, context } = this.schedulerContext(mode, undefined);
		const result = await context.__runPoll(async () => await this.nodeType.poll.call(context));
		if (result !== null) context.__emit(result);
		this.save(workflow);
		return result;
	}

	/** scheduler: one poll task, with the row as read when it started. */
	private async scheduledPoll(
		row: IDataObject | undefined,
	): Promise<INodeExecutionData[][] | null> {
		const { context } = this.schedulerContext('update', row);
		return await context.__runPoll(async () => {
			try {
				const result = await this.nodeType.poll.call(context);
				if (result !== null) context.__emit(result);
				else await context.__commitCursor();
				return result;
			} catch (error) {
				context.__emitError(error as Error);
				return null;
			}
		});
	}
}
