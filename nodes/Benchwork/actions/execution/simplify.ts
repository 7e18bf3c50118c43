import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { asObject } from '../../common/json';
import { readSwitch } from '../validation';
import { failureReason, runState } from './runState';

/** A field of the execution as Benchwork sent it, or null when it did not send one. */
function field(execution: IDataObject, name: string): IDataObject[string] {
	return execution[name] ?? null;
}

/** The step a run failed at: the error's `step`, else the first step result marked failed. */
function failedStep(execution: IDataObject): string | null {
	const step = asObject(execution.error)?.step;
	if (typeof step === 'string' && step.trim()) return step.trim();
	const results = Array.isArray(execution.nodeResults) ? execution.nodeResults : [];
	for (const entry of results) {
		const result = asObject(entry);
		if (result?.status !== 'failed') continue;
		const name = result.step ?? result.name;
		if (typeof name === 'string' && name.trim()) return name.trim();
	}
	return null;
}

/**
 * An execution as an agent needs it (Simplify): what ran, how it ended, when, and for a run that
 * did not succeed the step it failed at and why. Step results, payload and anything else
 * Benchwork adds are left out; Simplify off gives the full object.
 */
export function simplifyExecution(execution: IDataObject): IDataObject {
	const simplified: IDataObject = {
		id: field(execution, 'id'),
		workflowId: field(execution, 'workflowId'),
		workflowName: field(execution, 'workflowName'),
		status: field(execution, 'status'),
		startedAt: field(execution, 'startedAt'),
		finishedAt: field(execution, 'finishedAt'),
		durationMs: field(execution, 'durationMs'),
	};
	if (runState(execution).kind !== 'unsuccessful') return simplified;
	return { ...simplified, failedStep: failedStep(execution), error: failureReason(execution) };
}

/** The Simplify switch of an item (on when the parameter is absent: its default). */
export function readSimplify(this: IExecuteFunctions, itemIndex: number): boolean {
	return readSwitch.call(this, 'simplify', 'Simplify', itemIndex, true);
}
