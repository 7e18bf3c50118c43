import type { INodeProperties } from 'n8n-workflow';

export const workflowLocator: INodeProperties = {
	displayName: 'Workflow',
	name: 'workflowId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Benchwork workflow',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a workflow...',
			typeOptions: { searchListMethod: 'searchWorkflows', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. wf_orders_sync',
		},
	],
};

export const executionLocator: INodeProperties = {
	displayName: 'Execution',
	name: 'executionId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Benchwork execution (run of a workflow)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an execution...',
			typeOptions: { searchListMethod: 'searchExecutions', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. exe_1042',
		},
	],
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 100 },
	default: 50,
	description: 'Max number of results to return',
	hint: 'Benchwork returns at most 100 per call and has no paging',
};

export const WORKFLOW_STATUSES = ['active', 'paused', 'draft'] as const;
export const EXECUTION_STATUSES = ['running', 'success', 'failed'] as const;
