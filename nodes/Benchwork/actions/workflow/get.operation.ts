import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, benchworkApiRequest } from '../../transport';
import { readId } from '../../helpers/validation';
import { workflowLocator } from '../common.descriptions';

export const WORKFLOW_HINT = 'Pick a workflow from the list, or enter its ID (such as wf_orders_sync).';

export const description: INodeProperties[] = [
	{ ...workflowLocator, displayOptions: { show: { resource: ['workflow'], operation: ['get'] } } },
];

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return readId.call(this, 'workflowId', 'Workflow', itemIndex, WORKFLOW_HINT);
}

export async function execute(this: IExecuteFunctions, workflowId: string): Promise<IDataObject[]> {
	const workflow = await benchworkApiRequest.call(this, {
		method: 'GET',
		path: apiPath('workflows', workflowId),
		notFound: `workflow "${workflowId}"`,
	});
	return [workflow];
}
