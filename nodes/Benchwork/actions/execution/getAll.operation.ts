import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fetchList } from '../../transport/fetchList';
import { EXECUTION_STATUSES } from '../../common/statuses';
import { simplifyField } from '../common.descriptions';
import type { ListFilters } from '../listQuery';
import { listDescription, readListQuery } from '../listQuery';
import type { BenchworkOperation, OperationResult } from '../operationTypes';
import { readSimplify, simplifyExecution } from './simplify';

const filters: ListFilters = {
	resource: 'execution',
	statuses: EXECUTION_STATUSES,
	status: { default: 'success', description: 'Only executions with this status' },
	idFilter: {
		key: 'workflowId',
		label: 'Workflow ID',
		description: 'Only executions of this workflow',
	},
};

/** Only GETs: the router may send several items' requests at once. */
export const readOnly = true;

export const option: BenchworkOperation['option'] = {
	name: 'Get Many',
	value: 'getAll',
	description: 'Get many executions',
	action: 'Get many executions',
};

export const description: INodeProperties[] = [
	...listDescription(filters),
	{
		...simplifyField,
		displayOptions: { show: { resource: ['execution'], operation: ['getAll'] } },
	},
];

export interface GetAllParams {
	qs: IDataObject;
	simplify: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): GetAllParams {
	return {
		qs: readListQuery.call(this, itemIndex, filters),
		simplify: readSimplify.call(this, itemIndex),
	};
}

export async function execute(
	this: IExecuteFunctions,
	{ qs, simplify }: GetAllParams,
): Promise<OperationResult> {
	const executions = await fetchList.call(this, 'executions', qs);
	return { items: simplify ? executions.map(simplifyExecution) : executions };
}
