import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, benchworkApiRequest } from '../../transport';
import { listOf } from '../../helpers/response';
import { readChoice, readLimit, readText } from '../../helpers/validation';
import { limitField, WORKFLOW_STATUSES } from '../common.descriptions';

const show = { resource: ['workflow'], operation: ['getAll'] };

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

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { limit: readLimit.call(this, itemIndex) };
	const status = readChoice.call(this, filters, 'status', 'Filters → Status', WORKFLOW_STATUSES, itemIndex);
	const storeId = readText.call(this, filters, 'storeId', 'Filters → Store ID', itemIndex);
	if (status) qs.status = status;
	if (storeId) qs.storeId = storeId;
	return qs;
}

export async function execute(this: IExecuteFunctions, qs: IDataObject): Promise<IDataObject[]> {
	const response = await benchworkApiRequest.call(this, { method: 'GET', path: apiPath('workflows'), qs });
	return listOf(response, 'workflows');
}
