import type { INodeProperties } from 'n8n-workflow';

/**
 * The fields both trigger nodes show, so they start on the same events, filter the same way and
 * give the same items (read by settings.ts, shaped by eventItem.ts).
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

const outputOption: INodeProperties = {
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

/** Its choices come from the node's `methods.loadOptions.getWorkflows` (methods/loadOptions.ts). */
const workflowFilterOption: INodeProperties = {
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

/**
 * The trigger nodes' subtitle: "On completed or failed runs", the events in words rather than
 * their values. Plain string methods only, which every n8n line's editor evaluates.
 */
export const EVENTS_SUBTITLE =
	'={{($parameter["events"] || []).length ? "On " + $parameter["events"].join(" or ").split("execution.").join("") + " runs" : "No events chosen"}}';
