import type { INodeProperties } from 'n8n-workflow';

export const EVENTS = ['execution.completed', 'execution.failed'] as const;

export type BenchworkEvent = (typeof EVENTS)[number];

export const properties: INodeProperties[] = [
	{
		displayName:
			'Benchwork calls this workflow’s Production URL from the internet: if n8n runs behind a proxy or tunnel, set n8n’s WEBHOOK_URL to its public address. After changing the credential’s API key, deactivate and activate the workflow again so Benchwork gets the new signing secret. If Benchwork cannot reach this n8n (no public URL, a firewall), use Benchwork Polling Trigger instead.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
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
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
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
						description:
							'The delivery as Benchwork sent it: event, deliveryId, createdAt and execution',
					},
				],
			},
			{
				displayName: 'Workflow Names or IDs',
				name: 'workflowIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getWorkflows' },
				default: [],
				description:
					'Start only for executions of these Benchwork workflows; leave empty for all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];
