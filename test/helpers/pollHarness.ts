/**
 * Runs the Benchwork Polling Trigger the way n8n does: n8n-core's real PollContext over
 * n8n-workflow's Workflow. What n8n's CLI package adds is stood in for here, as n8n 1.123 and
 * 2.41 do it (active-workflow-manager, poll-trigger-executor):
 *
 * - an activation builds one context and polls with it at once (a failure fails the
 *   activation), then at every Poll Time with the same context;
 * - a poll that returns items starts one execution with them, and only then (or at activation)
 *   is the workflow's static data saved to the database; a poll returning null saves nothing;
 * - Fetch Test Event polls once in manual mode on a copy of the saved static data.
 *
 * The database is `staticData` here: kept as JSON between calls, so nothing survives in memory
 * across a restart.
 */
import { PollContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	Workflow,
	WorkflowActivateMode,
} from 'n8n-workflow';

import { BenchworkPollingTrigger } from '../../nodes/Benchwork/BenchworkPollingTrigger.node';
import type { BenchworkCredentialData } from './n8nHarness';
import { additionalDataFor, buildWorkflow, nodeWith } from './n8nHarness';

export const POLLING_TRIGGER_TYPE = 'n8n-nodes-benchwork.benchworkPollingTrigger';

const nodeType = new BenchworkPollingTrigger();

function copy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** What n8n's database keeps of static data (the change marker is not saved). */
function saved(workflow: Workflow): IDataObject {
	const data = copy(workflow.staticData);
	delete data.__dataChanged;
	return data;
}

export interface PollWorkflowOptions {
	parameters: INodeParameters;
	credentials: BenchworkCredentialData;
	staticData?: IDataObject;
}

/** One saved n8n workflow holding one Benchwork Polling Trigger. */
export class PollWorkflow {
	parameters: INodeParameters;

	credentials: BenchworkCredentialData;

	/** The workflow's static data as n8n's database holds it. */
	staticData: IDataObject;

	/** Each execution n8n started: the items of one poll. */
	readonly executions: INodeExecutionData[][] = [];

	/** Errors of scheduled polls (n8n records them as failed executions). */
	readonly pollErrors: Error[] = [];

	private active: { workflow: Workflow; context: PollContext } | undefined;

	constructor(options: PollWorkflowOptions) {
		this.parameters = options.parameters;
		this.credentials = options.credentials;
		this.staticData = copy(options.staticData ?? {});
	}

	node(): INode {
		return {
			...nodeWith(POLLING_TRIGGER_TYPE, copy(this.parameters)),
			name: 'Benchwork Polling Trigger',
		};
	}

	/** n8n's own poll context over a copy of the saved static data, as n8n builds one per activation. */
	private pollContext(
		mode: 'trigger' | 'manual',
		activation: WorkflowActivateMode,
		callbacks?: (workflow: Workflow) => {
			emit: (data: INodeExecutionData[][]) => void;
			emitError: (error: Error) => void;
		},
	): { workflow: Workflow; context: PollContext } {
		const node = this.node();
		const workflow = buildWorkflow(node, nodeType, POLLING_TRIGGER_TYPE, copy(this.staticData));
		const on = callbacks?.(workflow);
		const context = new PollContext(
			workflow,
			node,
			additionalDataFor(this.credentials),
			mode,
			activation,
			on?.emit,
			on?.emitError,
		);
		return { workflow, context };
	}

	/** The node's part of the saved static data. */
	nodeStaticData(): IDataObject {
		return (this.staticData[`node:${this.node().name}`] as IDataObject | undefined) ?? {};
	}

	/**
	 * n8n activating the workflow: 'activate' when the user turns it on, 'init' when n8n starts
	 * with it active, 'update' when an active workflow is saved again. Throws what the first poll
	 * throws (n8n then refuses the activation).
	 */
	async activate(mode: WorkflowActivateMode = 'activate'): Promise<INodeExecutionData[][] | null> {
		const { workflow, context } = this.pollContext('trigger', mode, (workflow) => ({
			emit: (data) => this.emit(workflow, data),
			emitError: (error) => this.pollErrors.push(error),
		}));
		const result = await nodeType.poll.call(context);
		this.active = { workflow, context };
		if (result !== null) this.emit(workflow, result);
		else this.save(workflow);
		return result;
	}

	/** One scheduled poll of the active workflow; a failure is recorded, as n8n does. */
	async poll(): Promise<INodeExecutionData[][] | null> {
		if (!this.active) throw new Error('the workflow is not active');
		const { context } = this.active;
		try {
			const result = await nodeType.poll.call(context);
			if (result !== null) context.__emit(result);
			return result;
		} catch (error) {
			context.__emitError(error as Error);
			return null;
		}
	}

	/** Deactivation, or n8n stopping: the in-memory workflow is gone, the database stays. */
	deactivate(): void {
		this.active = undefined;
	}

	/** Fetch Test Event in the editor: a manual poll on the saved static data, never saved. */
	async fetchTestEvent(): Promise<INodeExecutionData[][] | null> {
		const { context } = this.pollContext('manual', 'manual');
		return await nodeType.poll.call(context);
	}

	/** IDs of the Benchwork runs in every execution started, in order. */
	emittedIds(): string[] {
		return this.executions.flat().map((item) => {
			const json = item.json as IDataObject;
			const execution = (json.execution as IDataObject | undefined) ?? json;
			return String(execution.id);
		});
	}

	private emit(workflow: Workflow, data: INodeExecutionData[][]): void {
		this.save(workflow);
		this.executions.push(data[0]);
	}

	private save(workflow: Workflow): void {
		if (workflow.staticData.__dataChanged === true) {
			this.staticData = saved(workflow);
			workflow.staticData.__dataChanged = false;
		}
	}
}
