import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * One operation, as the router sees it. `prepare` reads and checks an item's parameters without
 * any request, so bad input is reported before anything is sent; `execute` does the calls.
 */
export interface BenchworkOperation<Params = unknown> {
	description: INodeProperties[];
	/** Starts remote runs: when a later item fails the node, the runs already started are named. */
	startsRuns?: boolean;
	prepare(this: IExecuteFunctions, itemIndex: number): Params;
	execute(this: IExecuteFunctions, params: Params, itemIndex: number): Promise<IDataObject[]>;
}
