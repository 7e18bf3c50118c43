import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fetchList } from '../../transport';
import { readListQuery } from '../listQuery';
import type { OperationResult } from '../operation';
import { limitField, WORKFLOW_STATUSES } from '../common.descriptions';

const show = { resource: ['workflow'], operation: ['getAll'] };

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
				default: 'active',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Draft', value: 'draft' },
					{ name: 'Paused', value: 'paused' },
				],
				description: 'Only workflows with this status',
			},
			{
				displayName: 'Store ID',
				name: 'storeId',
				type: 'string',
				default: '',
				description: 'Only workflows of this store',
			},
		],
	},
];

const filters = { statuses: WORKFLOW_STATUSES, idFilter: { key: 'storeId', label: 'Store ID' } };

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return readListQuery.call(this, itemIndex, filters);
}

export async function execute(this: IExecuteFunctions, qs: IDataObject): Promise<OperationResult> {
	return { items: await fetchList.call(this, 'workflows', qs) };
}
