import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties } from './actions/resource';
import { resources, router } from './actions/router';
import * as listSearch from './methods/listSearch';

export class Benchwork implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Benchwork',
		name: 'benchwork',
		icon: { light: 'file:benchwork.svg', dark: 'file:benchwork.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'List, start and watch Benchwork workflows and executions',
		defaults: { name: 'Benchwork' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'benchworkApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resources.map(({ label, key }) => ({ name: label, value: key })),
				default: 'workflow',
			},
			...resources.flatMap(resourceProperties),
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
