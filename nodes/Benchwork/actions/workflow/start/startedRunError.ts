import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { StartedRun } from '../../operationTypes';

/**
 * A failure after Benchwork started a run (it failed, timed out, could not be read, or n8n was
 * cancelled). It carries the run, so the user always gets its ID, and under Continue On Fail
 * the item's output has `executionId`, `workflowId` and, when known, the `execution`.
 */
export class StartedRunError extends NodeOperationError {
	run: StartedRun & { execution?: IDataObject };

	constructor(
		node: INode,
		run: StartedRun & { execution?: IDataObject },
		message: string,
		description: string,
	) {
		super(node, message, { description });
		this.run = run;
	}

	/** Reshapes the execution the item shows (Simplify); the run's ID stays. */
	reshapeExecution(reshape: (execution: IDataObject) => IDataObject): this {
		if (this.run.execution) this.run = { ...this.run, execution: reshape(this.run.execution) };
		return this;
	}

	/** What the item shows under Continue On Fail, beside `error` and `description`. */
	get output(): IDataObject {
		const { executionId, workflowId, execution } = this.run;
		return execution ? { executionId, workflowId, execution } : { executionId, workflowId };
	}
}
