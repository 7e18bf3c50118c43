import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fetchList } from '../../transport/fetchList';
import { WORKFLOW_STATUSES } from '../../common/statuses';
import type { ListFilters } from '../listQuery';
import { listDescription, readListQuery } from '../listQuery';
import type { BenchworkOperation, OperationResult } from '../operationTypes';

const filters: ListFilters = {
	resource: 'workflow',
	statuses: WORKFLOW_STATUSES,
	status: { default: 'active', description: 'Only workflows with this status' },
	idFilter: { key: 'storeId', label: 'Store ID', description: 'Only workflows of this store' },
};

/** Only GETs: the router may send several items' requests at once. */
export const readOnly = true;

export const option: BenchworkOperation['option'] = {
	name: 'Get Many',
	value: 'getAll',
	description: 'Get many workflows',
	action: 'Get many workflows',
};

export const description = listDescription(filters);

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return readListQuery.call(this, itemIndex, filters);
}

export async function execute(this: IExecuteFunctions, qs: IDataObject): Promise<OperationResult> {
	return { items: await fetchList.call(this, 'workflows', qs) };
}
