import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, benchworkApiRequest } from '../../transport';
import { inputError } from '../../helpers/errors';
import { readPayload } from '../../helpers/payload';
import { readId, describe } from '../../helpers/validation';
import { waitForExecution } from '../../helpers/waitForExecution';
import { workflowLocator } from '../common.descriptions';
import { WORKFLOW_HINT } from './get.operation';

const show = { resource: ['workflow'], operation: ['trigger'] };

export const startsRuns = true;

export const description: INodeProperties[] = [
	{ ...workflowLocator, displayOptions: { show } },
	{
		displayName: 'Payload',
		name: 'payload',
		type: 'json',
		default: '',
		displayOptions: { show },
		description:
			'Trigger data for the Benchwork workflow, as a JSON object. Sent as {"payload": …}; leave empty to send none.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				typeOptions: { minValue: 0.5 },
				default: 5,
				description: 'While waiting, how often to ask Benchwork whether the run has finished',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 300,
				description:
					'While waiting, how long to wait for the run to finish before failing this item. The run itself keeps going in Benchwork.',
			},
			{
				displayName: 'Wait for Completion',
				name: 'waitForCompletion',
				type: 'boolean',
				default: false,
				description:
					'Whether to wait until the run has finished and output the finished execution. A failed run fails the item.',
			},
		],
	},
];

export interface TriggerParams {
	workflowId: string;
	payload?: IDataObject;
	wait?: { timeoutMs: number; pollIntervalMs: number };
}

const MAX_TIMEOUT_S = 24 * 60 * 60;

function seconds(
	this: IExecuteFunctions,
	options: IDataObject,
	key: string,
	label: string,
	fallback: number,
	min: number,
	itemIndex: number,
): number {
	const raw = options[key] ?? fallback;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > MAX_TIMEOUT_S) {
		throw inputError(
			this.getNode(),
			itemIndex,
			`Options → ${label}`,
			`${describe(raw)} is not a number of seconds from ${min} to ${MAX_TIMEOUT_S}`,
			`Set ${label} to a number of seconds, at least ${min}.`,
		);
	}
	return value * 1000;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): TriggerParams {
	const workflowId = readId.call(this, 'workflowId', 'Workflow', itemIndex, WORKFLOW_HINT);
	const payload = readPayload.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (options.waitForCompletion !== true) return { workflowId, payload };
	const timeoutMs = seconds.call(this, options, 'timeout', 'Timeout', 300, 1, itemIndex);
	const pollIntervalMs = seconds.call(this, options, 'pollInterval', 'Poll Interval', 5, 0.5, itemIndex);
	return { workflowId, payload, wait: { timeoutMs, pollIntervalMs } };
}

export async function execute(
	this: IExecuteFunctions,
	params: TriggerParams,
	itemIndex: number,
): Promise<IDataObject[]> {
	const { workflowId, payload, wait } = params;
	// Sent once: the transport never repeats a POST that may have reached Benchwork (CONTRACT item 7).
	const started = await benchworkApiRequest.call(this, {
		method: 'POST',
		path: apiPath('workflows', workflowId, 'trigger'),
		body: payload === undefined ? {} : { payload },
		notFound: `workflow "${workflowId}"`,
	});
	const executionId = String(started.executionId ?? '');
	if (!wait) return [{ executionId, workflowId }];
	const execution = await waitForExecution.call(this, { executionId, workflowId, itemIndex, ...wait });
	return [execution];
}
