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
		// Version 2 has version 1's parameters. n8n 2.x evaluates an expression (the Webhook node
		// v1's binaryData option) for every request to any version-1 webhook trigger, which costs
		// an expression isolate per delivery; at version 2 a delivery evaluates none, and with
		// N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE it creates none (docs/queue-mode.md).
		version: [1, 2],
		defaultVersion: 2,
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
