import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport/path';
import { benchworkApiRequest } from '../../transport/request';
import { WORKFLOW_HINT, workflowLocator } from '../common.descriptions';
import type { BenchworkOperation, OperationResult } from '../operationTypes';
import { readId } from '../validation';

/** Only GETs: the router may send several items' requests at once. */
export const readOnly = true;

export const option: BenchworkOperation['option'] = {
	name: 'Get',
	value: 'get',
	description: 'Get a workflow',
	action: 'Get a workflow',
};

export const description: INodeProperties[] = [
	{ ...workflowLocator, displayOptions: { show: { resource: ['workflow'], operation: ['get'] } } },
];

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return readId.call(this, 'workflowId', 'Workflow', itemIndex, WORKFLOW_HINT);
}

export async function execute(
	this: IExecuteFunctions,
	workflowId: string,
): Promise<OperationResult> {
	const workflow = await benchworkApiRequest.call(this, {
		method: 'GET',
		path: apiPath('workflows', workflowId),
		notFound: `workflow "${workflowId}"`,
	});
	return { items: [workflow] };
}
