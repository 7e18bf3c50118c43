import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { receiveDelivery } from './delivery/receive';
import { properties } from './description';
import { webhookMethods } from './lifecycle/webhookMethods';
import { getWorkflows } from './methods/loadOptions';

export class BenchworkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Benchwork Trigger',
		name: 'benchworkTrigger',
		icon: { light: 'file:benchwork.svg', dark: 'file:benchwork.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"On " + ($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when a Benchwork execution completes or fails',
		defaults: { name: 'Benchwork Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'benchworkApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties,
	};

	methods = { loadOptions: { getWorkflows } };

	webhookMethods = { default: webhookMethods };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
