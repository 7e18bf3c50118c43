import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, benchworkApiRequest } from '../../transport';
import { readId } from '../../helpers/validation';
import { executionLocator } from '../common.descriptions';

const HINT = 'Pick an execution from the list, or enter its ID (such as exe_1042).';

export const description: INodeProperties[] = [
	{ ...executionLocator, displayOptions: { show: { resource: ['execution'], operation: ['get'] } } },
];

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return readId.call(this, 'executionId', 'Execution', itemIndex, HINT);
}

export async function execute(this: IExecuteFunctions, executionId: string): Promise<IDataObject[]> {
	const execution = await benchworkApiRequest.call(this, {
		method: 'GET',
		path: apiPath('executions', executionId),
		notFound: `execution "${executionId}"`,
	});
	return [execution];
}
