import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { redactValue } from '../../common/redact';
import { secretsOf } from '../../transport/credential';
import { apiPath } from '../../transport/path';
import { benchworkApiRequest } from '../../transport/request';
import { missingFieldError } from '../../transport/errors';
import { WORKFLOW_HINT, simplifyField, workflowLocator } from '../common.descriptions';
import { readSimplify, simplifyExecution } from '../execution/simplify';
import type {
	BenchworkOperation,
	OperationResult,
	PendingOutput,
	StartedRun,
} from '../operationTypes';
import { readId } from '../validation';
import { readPayload } from './start/payload';
import { StartedRunError } from './start/startedRunError';
import type { LedgerSlot } from './start/startLedger';
import {
	earlierEntry,
	recordStarted,
	recordUnsure,
	slotFor,
	unsureAgain,
} from './start/startLedger';
import { waitForRun } from './wait/runWaiter';
import type { WaitOptions } from './wait/waitOptions';
import { MAX_WAIT_SECONDS, readWaitOptions } from './wait/waitOptions';

const show = { resource: ['workflow'], operation: ['trigger'] };
const showWhenWaiting = { ...show, waitForCompletion: [true] };

export const option: BenchworkOperation['option'] = {
	name: 'Trigger',
	value: 'trigger',
	description: 'Start a run of a workflow, optionally waiting for it to finish',
	action: 'Trigger a workflow',
};

export const description: INodeProperties[] = [
	{ ...workflowLocator, displayOptions: { show } },
	{
		displayName: 'Payload',
		name: 'payload',
		type: 'json',
		// '{}' rather than '': n8n's JSON editor marks an empty field as invalid JSON. An empty
		// object sends no payload, exactly like an empty field.
		default: '{}',
		displayOptions: { show },
		description:
			'The data the run starts with, as a JSON object. Sent as {"payload": …}; leave it as {} (or empty) to send none.',
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description:
			"Whether to wait until the run has finished and output the finished execution. A run that does not succeed fails the item. All items' runs are waited for at once unless Run Items says otherwise.",
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_WAIT_SECONDS },
		default: 300,
		displayOptions: { show: showWhenWaiting },
		// The limit is in the text because n8n's number field drops the keystroke past it unsaid.
		description: `How long to wait for the run to finish before failing this item, at most ${MAX_WAIT_SECONDS} (a day). The run itself keeps going in Benchwork.`,
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.5, maxValue: MAX_WAIT_SECONDS },
		default: 5,
		displayOptions: { show: showWhenWaiting },
		description: `How often to ask Benchwork whether the runs have finished, from 0.5 to ${MAX_WAIT_SECONDS} (a day)`,
	},
	{
		displayName: 'Run Items',
		name: 'runItems',
		type: 'options',
		default: 'together',
		displayOptions: { show: showWhenWaiting },
		options: [
			{
				name: 'Together',
				value: 'together',
				description:
					"Start every item's run, in order, then wait for all of them at once (fastest, fewest requests)",
			},
			{
				name: 'One After Another',
				value: 'oneAfterAnother',
				description: "Start an item's run only when the previous item's run has finished",
			},
		],
		description:
			"When each item's run starts: right away, or once the previous item's run has finished",
	},
	{ ...simplifyField, displayOptions: { show: showWhenWaiting } },
];

export interface TriggerParams {
	workflowId: string;
	payload?: IDataObject;
	wait?: WaitOptions;
	/** Simplify the finished run (only read when waiting: without a wait the output is the run's ID). */
	simplify?: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): TriggerParams {
	const workflowId = readId.call(this, 'workflowId', 'Workflow', itemIndex, WORKFLOW_HINT);
	const payload = readPayload.call(this, itemIndex);
	const wait = readWaitOptions.call(this, itemIndex);
	return { workflowId, payload, wait, simplify: wait && readSimplify.call(this, itemIndex) };
}

/**
 * The finished run simplified, and so the execution a failed run's error carries (the item's
 * output under Continue On Fail): the same answer either way.
 */
function simplified(pending: PendingOutput): PendingOutput {
	return {
		...pending,
		output: pending.output.then(
			(executions) => executions.map(simplifyExecution),
			(error: unknown) => {
				throw error instanceof StartedRunError ? error.reshapeExecution(simplifyExecution) : error;
			},
		),
	};
}

/** Benchwork's answer must name the run it started; without that nothing can follow it. */
function startedExecutionId(
	this: IExecuteFunctions,
	answer: IDataObject,
	workflowId: string,
	slot: LedgerSlot | undefined,
): string {
	const id = answer.executionId;
	if (typeof id === 'string' && id.trim() !== '' && id.length <= 200) return id.trim();
	if (typeof id === 'number' && Number.isFinite(id)) return String(id);
	const error = missingFieldError(
		this.getNode(),
		`Benchwork accepted the start request for workflow ${workflowId} but did not say which run it started (no executionId in its answer)`,
		`The run may have started, so the start request was not sent again. ${TWICE} Check that the credential's Base URL points at the Benchwork API.`,
	);
	recordUnsure(slot, error);
	throw error;
}

/** What resending a start request that may have reached Benchwork would have meant. */
const TWICE =
	"Sending it again could start the workflow twice: check the workflow's executions in Benchwork before running this again.";

/** Sends the start request once (a POST: the transport does not repeat it once it may have reached Benchwork). */
async function startRun(
	this: IExecuteFunctions,
	params: TriggerParams,
	slot: LedgerSlot | undefined,
): Promise<StartedRun> {
	const { workflowId, payload } = params;
	const answer = await benchworkApiRequest.call(this, {
		method: 'POST',
		path: apiPath('workflows', workflowId, 'trigger'),
		body: payload === undefined ? {} : { payload },
		notFound: `workflow "${workflowId}"`,
		onMayHaveReached: (error) => {
			error.description = `${error.description ?? ''} ${TWICE}`.trim();
			recordUnsure(slot, error);
		},
	});
	const run = { executionId: startedExecutionId.call(this, answer, workflowId, slot), workflowId };
	recordStarted(slot, run);
	return run;
}

/**
 * The item of a run that is not waited for: its IDs, redacted. The Workflow ID is the one
 * output field that did not come through the transport's redaction of Benchwork's answers: it is
 * what the user typed or mapped (see the router).
 */
async function startedRunItem(this: IExecuteFunctions, run: StartedRun): Promise<IDataObject> {
	return redactValue({ ...run }, await secretsOf(this));
}

export async function execute(
	this: IExecuteFunctions,
	params: TriggerParams,
	itemIndex: number,
): Promise<OperationResult> {
	const { workflowId, payload, wait, simplify } = params;
	// When n8n runs this node again (Retry On Fail), an item that already started keeps its run.
	const slot = slotFor(this, itemIndex, workflowId, payload);
	const earlier = slot && earlierEntry(slot);
	if (earlier?.unsure) throw unsureAgain(this, earlier.unsure);
	const startedRun = earlier?.started ?? (await startRun.call(this, params, slot));
	if (!wait) return { items: [await startedRunItem.call(this, startedRun)], startedRun };
	const pending = waitForRun(this, startedRun, wait);
	return { items: [], startedRun, pending: simplify ? simplified(pending) : pending };
}
