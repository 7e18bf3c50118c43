import type { INodeProperties, INodePropertyModeValidation } from 'n8n-workflow';

/** The shape of a Benchwork ID, for the editor's hint (the node checks again before sending). */
const ID_SHAPE = '\\s*[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}\\s*';

export const WORKFLOW_HINT =
	'Pick a workflow from the list, or enter its ID (such as wf_orders_sync).';
export const EXECUTION_HINT =
	'Pick an execution from the list, or enter its ID (such as exe_1042).';

function idValidation(example: string, what: string): INodePropertyModeValidation[] {
	return [
		{
			type: 'regex',
			properties: {
				regex: ID_SHAPE,
				errorMessage: `Not a ${what} ID: use letters, digits, _ . : or - (such as ${example}), or pick one from the list`,
			},
		},
	];
}

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
			validation: idValidation('wf_orders_sync', 'workflow'),
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
			validation: idValidation('exe_1042', 'execution'),
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

/** Simplify: declared once, shown by each operation that offers it (its own displayOptions). */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
	hint: 'On: ID, workflow, status, times, and for a failed run the failing step and its message. Off: the full execution with every step result.',
};
