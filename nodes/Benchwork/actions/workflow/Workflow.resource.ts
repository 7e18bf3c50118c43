import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as trigger from './trigger.operation';

export { get, getAll, trigger };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workflow'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a workflow', action: 'Get a workflow' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many workflows',
				action: 'Get many workflows',
			},
			{
				name: 'Trigger',
				value: 'trigger',
				description: 'Start a run of a workflow, optionally waiting for it to finish',
				action: 'Trigger a workflow',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	...trigger.description,
];
