import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getWorkflows } from './methods/loadOptions';
import { EVENTS_SUBTITLE, eventsProperty, triggerOptions } from './triggers/properties';
import { receiveDelivery } from './webhookTrigger/delivery/receive';
import { webhookMethods } from './webhookTrigger/lifecycle/webhookMethods';

export class BenchworkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Benchwork Trigger',
		name: 'benchworkTrigger',
		icon: { light: 'file:benchwork.svg', dark: 'file:benchwork.dark.svg' },
		group: ['trigger'],
		// Not 1: for every request to a webhook trigger at version 1, n8n 2.x evaluates an
		// expression (the Webhook node v1's binaryData option, parseRequestBody in its
		// webhook-helpers), which costs an expression isolate per delivery. At version 2 a
		// delivery evaluates none, and with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE builds none.
		version: 2,
		subtitle: EVENTS_SUBTITLE,
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
		properties: [
			{
				displayName:
					"Benchwork calls this workflow's Production URL from the internet: behind a proxy, set N8N_WEBHOOK_URL (WEBHOOK_URL on n8n 1.x). After changing the API key, unpublish and publish the workflow again (on n8n 1.x: deactivate and activate it). No public URL? Use the Benchwork Polling Trigger.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			eventsProperty,
			triggerOptions,
		],
	};

	methods = { loadOptions: { getWorkflows } };

	webhookMethods = { default: webhookMethods };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
