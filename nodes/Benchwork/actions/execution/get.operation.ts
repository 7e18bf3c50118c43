import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, benchworkApiRequest } from '../../transport';
import { EXECUTION_HINT, executionLocator } from '../common.descriptions';
import type { BenchworkOperation, OperationResult } from '../operationTypes';
import { readId } from '../validation';

export const option: BenchworkOperation['option'] = {
	name: 'Get',
	value: 'get',
	description: 'Get an execution',
	action: 'Get an execution',
};

export const description: INodeProperties[] = [
	{
		...executionLocator,
		displayOptions: { show: { resource: ['execution'], operation: ['get'] } },
	},
];

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return readId.call(this, 'executionId', 'Execution', itemIndex, EXECUTION_HINT);
}

export async function execute(
	this: IExecuteFunctions,
	executionId: string,
): Promise<OperationResult> {
	const execution = await benchworkApiRequest.call(this, {
		method: 'GET',
		path: apiPath('executions', executionId),
		notFound: `execution "${executionId}"`,
	});
	return { items: [execution] };
}
