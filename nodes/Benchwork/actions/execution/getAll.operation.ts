import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, benchworkApiRequest } from '../../transport';
import { listOf } from '../../helpers/response';
import { readChoice, readLimit, readText } from '../../helpers/validation';
import { EXECUTION_STATUSES, limitField } from '../common.descriptions';

const show = { resource: ['execution'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	{ ...limitField, displayOptions: { show } },
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'success',
				options: [
					{ name: 'Failed', value: 'failed' },
					{ name: 'Running', value: 'running' },
					{ name: 'Success', value: 'success' },
				],
				description: 'Only executions with this status',
			},
			{
				displayName: 'Workflow ID',
				name: 'workflowId',
				type: 'string',
				default: '',
				description: 'Only executions of this workflow',
			},
		],
	},
];

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { limit: readLimit.call(this, itemIndex) };
	const status = readChoice.call(this, filters, 'status', 'Filters → Status', EXECUTION_STATUSES, itemIndex);
	const workflowId = readText.call(this, filters, 'workflowId', 'Filters → Workflow ID', itemIndex);
	if (status) qs.status = status;
	if (workflowId) qs.workflowId = workflowId;
	return qs;
}

export async function execute(this: IExecuteFunctions, qs: IDataObject): Promise<IDataObject[]> {
	const response = await benchworkApiRequest.call(this, { method: 'GET', path: apiPath('executions'), qs });
	return listOf(response, 'executions');
}
