import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getWorkflows } from './methods/loadOptions';
import { pollBenchwork } from './pollingTrigger/poll';
import { EVENTS_SUBTITLE, eventsProperty, triggerOptions } from './triggers/properties';

export class BenchworkPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Benchwork Polling Trigger',
		name: 'benchworkPollingTrigger',
		icon: { light: 'file:benchwork.svg', dark: 'file:benchwork.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: EVENTS_SUBTITLE,
		description:
			'Checks Benchwork on a schedule for executions that completed or failed; needs no public URL',
		defaults: { name: 'Benchwork Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'benchworkApi', required: true }],
		properties: [
			{
				displayName:
					'Checks Benchwork at every Poll Time and starts one execution with the runs finished since the last check (at most 100 per event: poll more often or filter by workflow if more finish). Needs no public URL; to start the moment a run ends, use the Benchwork Trigger.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			eventsProperty,
			triggerOptions,
		],
	};

	methods = { loadOptions: { getWorkflows } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollBenchwork.call(this);
	}
}
