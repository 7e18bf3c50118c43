import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getWorkflows } from '../BenchworkTrigger/methods/loadOptions';

import { properties } from './description';
import { pollBenchwork } from './poll';

export class BenchworkPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Benchwork Polling Trigger',
		name: 'benchworkPollingTrigger',
		icon: { light: 'file:benchwork.svg', dark: 'file:benchwork.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"On " + ($parameter["events"] || []).join(", ")}}',
		description:
			'Checks Benchwork on a schedule for executions that completed or failed; needs no public URL',
		defaults: { name: 'Benchwork Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'benchworkApi', required: true }],
		properties,
	};

	methods = { loadOptions: { getWorkflows } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollBenchwork.call(this);
	}
}
