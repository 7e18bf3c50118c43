import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fetchList } from '../../transport';
import { EXECUTION_STATUSES } from '../common.descriptions';
import type { ListFilters } from '../listQuery';
import { listDescription, readListQuery } from '../listQuery';
import type { BenchworkOperation, OperationResult } from '../operationTypes';

const filters: ListFilters = {
	resource: 'execution',
	statuses: EXECUTION_STATUSES,
	statusFilter: {
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
	idFilter: {
		key: 'workflowId',
		label: 'Workflow ID',
		description: 'Only executions of this workflow',
	},
};

export const option: BenchworkOperation['option'] = {
	name: 'Get Many',
	value: 'getAll',
	description: 'Get many executions',
	action: 'Get many executions',
};

export const description = listDescription(filters);

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return readListQuery.call(this, itemIndex, filters);
}

export async function execute(this: IExecuteFunctions, qs: IDataObject): Promise<OperationResult> {
	return { items: await fetchList.call(this, 'executions', qs) };
}
