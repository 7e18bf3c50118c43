import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport/path';
import { benchworkApiRequest } from '../../transport/request';
import { EXECUTION_HINT, executionLocator, simplifyField } from '../common.descriptions';
import type { BenchworkOperation, OperationResult } from '../operationTypes';
import { readId } from '../validation';
import { readSimplify, simplifyExecution } from './simplify';

/** Only GETs: the router may send several items' requests at once. */
export const readOnly = true;

export const option: BenchworkOperation['option'] = {
	name: 'Get',
	value: 'get',
	description: 'Get an execution',
	action: 'Get an execution',
};

const show = { resource: ['execution'], operation: ['get'] };

export const description: INodeProperties[] = [
	{ ...executionLocator, displayOptions: { show } },
	{ ...simplifyField, displayOptions: { show } },
];

export interface GetParams {
	executionId: string;
	simplify: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): GetParams {
	return {
		executionId: readId.call(this, 'executionId', 'Execution', itemIndex, EXECUTION_HINT),
		simplify: readSimplify.call(this, itemIndex),
	};
}

export async function execute(
	this: IExecuteFunctions,
	{ executionId, simplify }: GetParams,
): Promise<OperationResult> {
	const execution = await benchworkApiRequest.call(this, {
		method: 'GET',
		path: apiPath('executions', executionId),
		notFound: `execution "${executionId}"`,
	});
	return { items: [simplify ? simplifyExecution(execution) : execution] };
}
