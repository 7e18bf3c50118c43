import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

/** A Benchwork run that an item started: named when the node fails later, so it is not repeated. */
export interface StartedRun {
	executionId: string;
	workflowId: string;
}

/** An item's output that comes later: the run it started is still being waited for. */
export interface PendingOutput {
	/** The item's output once the run has finished; rejects with the reason it did not succeed. */
	output: Promise<IDataObject[]>;
	/** Whether the next item waits for this one (Run Items: One After Another). */
	inTurn: boolean;
	/** Stops waiting for it: the node is failing because of another item. */
	abandon(): void;
}

export interface OperationResult {
	/** The item's output (unused when `pending` is set). */
	items: IDataObject[];
	/** Set by operations that start a Benchwork run. */
	startedRun?: StartedRun;
	/** Set when the output comes once a started run has finished. */
	pending?: PendingOutput;
}

/**
 * One operation, as its resource lists it and the router runs it. `option` is its entry in the
 * resource's Operation picker (its `value` is the operation's name); `prepare` reads and checks an
 * item's parameters without any request, so bad input is reported before anything is sent;
 * `execute` does the calls.
 */
export interface BenchworkOperation<Params = unknown> {
	option: INodePropertyOptions & { value: string; action: string };
	description: INodeProperties[];
	/**
	 * Set by operations that only read (GET): nothing they send changes Benchwork, so the router
	 * may send the next items' requests before this one's answer (READ_AHEAD in router.ts).
	 */
	readOnly?: boolean;
	prepare(this: IExecuteFunctions, itemIndex: number): Params;
	execute(this: IExecuteFunctions, params: Params, itemIndex: number): Promise<OperationResult>;
}
