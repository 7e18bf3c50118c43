import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fetchList } from '../../transport';
import { readListQuery } from '../listQuery';
import type { OperationResult } from '../operation';
import { EXECUTION_STATUSES, limitField } from '../common.descriptions';

const show = { resource: ['execution'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	{ ...limitField, displayOptions: { show } },
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
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

const filters = { statuses: EXECUTION_STATUSES, idFilter: { key: 'workflowId', label: 'Workflow ID' } };

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return readListQuery.call(this, itemIndex, filters);
}

export async function execute(this: IExecuteFunctions, qs: IDataObject): Promise<OperationResult> {
	return { items: await fetchList.call(this, 'executions', qs) };
}
