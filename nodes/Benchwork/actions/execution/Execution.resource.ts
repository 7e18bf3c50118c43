import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['execution'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get an execution', action: 'Get an execution' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many executions',
				action: 'Get many executions',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
];
