import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** A Benchwork run that an item started: named when the node fails later, so it is not repeated. */
export interface StartedRun {
	executionId: string;
	workflowId: string;
}

export interface OperationResult {
	items: IDataObject[];
	/** Set by operations that start a Benchwork run. */
	startedRun?: StartedRun;
}

/**
 * One operation, as the router sees it. `prepare` reads and checks an item's parameters without
 * any request, so bad input is reported before anything is sent; `execute` does the calls.
 */
export interface BenchworkOperation<Params = unknown> {
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): Params;
	execute(this: IExecuteFunctions, params: Params, itemIndex: number): Promise<OperationResult>;
}
