import type { INodeProperties } from 'n8n-workflow';

export const EVENTS = ['execution.completed', 'execution.failed'] as const;

export type BenchworkEvent = (typeof EVENTS)[number];

export function isBenchworkEvent(value: unknown): value is BenchworkEvent {
	return typeof value === 'string' && (EVENTS as readonly string[]).includes(value);
}

/**
 * The parameters another Benchwork trigger (a polling one) shares with this one, so both start
 * on the same events, filter the same way and give the same items: spread `eventsProperty`
 * at the top level and `triggerOptions` (or its parts) into an "Options" collection named
 * `options`; read them with context.ts (`readTriggerSettings`) and shape items with
 * delivery/output.ts.
 */
export const eventsProperty: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	default: [],
	description: 'The Benchwork events that start this workflow',
	options: [
		{
			name: 'Execution Completed',
			value: 'execution.completed',
			description: 'A Benchwork execution finished successfully',
		},
		{
			name: 'Execution Failed',
			value: 'execution.failed',
			description: 'A Benchwork execution failed',
		},
	],
};

export const outputOption: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: 'event',
	description: 'What each started workflow receives',
	options: [
		{
			name: 'Execution Only',
			value: 'execution',
			description: 'The execution object alone, with the event name added as "event"',
		},
		{
			name: 'Whole Event',
			value: 'event',
			description: 'The event as Benchwork sends it: event, deliveryId, createdAt and execution',
		},
	],
};

/** Needs the node to offer `methods.loadOptions.getWorkflows` (methods/loadOptions.ts). */
export const workflowFilterOption: INodeProperties = {
	displayName: 'Workflow Names or IDs',
	name: 'workflowIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getWorkflows' },
	default: [],
	description:
		'Start only for executions of these Benchwork workflows; leave empty for all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const triggerOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [outputOption, workflowFilterOption],
};

export const properties: INodeProperties[] = [
	{
		displayName:
			'Benchwork calls this workflow’s Production URL from the internet: if n8n runs behind a proxy or tunnel, set n8n’s N8N_WEBHOOK_URL (WEBHOOK_URL on n8n 1.x) to its public address. After changing the credential’s API key, unpublish and publish the workflow again (on n8n 1.x: deactivate and activate it) so Benchwork gets the new signing secret. If Benchwork cannot reach this n8n (no public URL, a firewall), use the Benchwork Polling Trigger instead.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	eventsProperty,
	triggerOptions,
];
