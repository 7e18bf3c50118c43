import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { outputOf, withItem } from '../helpers/errors';
import * as execution from './execution/Execution.resource';
import type { BenchworkOperation } from './operation';
import * as workflow from './workflow/Workflow.resource';

const operations: Record<string, Record<string, BenchworkOperation<unknown>>> = {
	workflow: { getAll: workflow.getAll, get: workflow.get, trigger: workflow.trigger },
	execution: { getAll: execution.getAll, get: execution.get },
};

function operationFor(this: IExecuteFunctions, itemIndex: number): BenchworkOperation<unknown> {
	const resource = this.getNodeParameter('resource', itemIndex) as string;
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const found = operations[resource]?.[operation];
	if (!found) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
			itemIndex,
		});
	}
	return found;
}

/** Gives any error n8n's item context and the `[item N]` marker. */
function forItem(this: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.message = withItem(error.message, itemIndex);
		error.context = { ...error.context, itemIndex };
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(this.getNode(), withItem(message, itemIndex), { itemIndex });
}

const LISTED_RUNS = 20;

/**
 * When a run-starting operation fails the node part-way, n8n drops the output of the items
 * before it: say which Benchwork runs they already started, so a re-run does not start them
 * again unnoticed.
 */
function nameStartedRuns(error: NodeApiError | NodeOperationError, output: INodeExecutionData[]): void {
	const ids = output.map((item) => item.json.executionId ?? item.json.id).filter((id) => id !== undefined).map(String);
	if (ids.length === 0) return;
	const listed = ids.slice(0, LISTED_RUNS).join(', ');
	const more = ids.length > LISTED_RUNS ? ` and ${ids.length - LISTED_RUNS} more` : '';
	const note = `The ${ids.length} item(s) before this one already started Benchwork runs (${listed}${more}); running this node again starts them again.`;
	error.description = error.description ? `${error.description} ${note}` : note;
	error.context = { ...error.context, startedExecutionIds: ids };
}

/**
 * Owns the item loop. Every item's parameters are checked first, so bad input fails the run
 * before any request is sent (or, with Continue On Fail, fails only its own item); then the
 * items run in order. Each output item is paired with the input item it came from.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const prepared: Array<{ operation: BenchworkOperation<unknown>; params: unknown } | { error: Error }> = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const operation = operationFor.call(this, itemIndex);
			prepared.push({ operation, params: operation.prepare.call(this, itemIndex) });
		} catch (error) {
			const itemError = forItem.call(this, error, itemIndex);
			if (!continueOnFail) throw itemError;
			prepared.push({ error: itemError });
		}
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		const entry = prepared[itemIndex];
		try {
			if ('error' in entry) throw entry.error;
			const results = await entry.operation.execute.call(this, entry.params, itemIndex);
			for (const json of results) output.push({ json, pairedItem });
		} catch (error) {
			const itemError = forItem.call(this, error, itemIndex);
			if (!continueOnFail) {
				if ('operation' in entry && entry.operation.startsRuns) nameStartedRuns(itemError, output);
				throw itemError;
			}
			output.push({
				json: {
					error: itemError.message,
					...(itemError.description ? { description: itemError.description } : {}),
					...outputOf(error),
				},
				pairedItem,
			});
		}
	}
	return [output];
}
