import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { BenchworkContext } from '../transport';
import { apiPath, benchworkApiRequest } from '../transport';
import { readChoice, readLimit, readText } from './validation';

export interface ListFilters {
	/** The values Benchwork accepts for `status`. */
	statuses: readonly string[];
	/** The one ID filter of this list (`storeId`, `workflowId`) and its label in the UI. */
	idFilter: { key: string; label: string };
}

/** Limit and filters of a Get Many, checked, as the query string Benchwork expects. */
export function readListQuery(this: IExecuteFunctions, itemIndex: number, filters: ListFilters): IDataObject {
	const values = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { limit: readLimit.call(this, itemIndex) };
	const status = readChoice.call(this, values, 'status', 'Filters → Status', filters.statuses, itemIndex);
	const id = readText.call(this, values, filters.idFilter.key, `Filters → ${filters.idFilter.label}`, itemIndex);
	if (status) qs.status = status;
	if (id) qs[filters.idFilter.key] = id;
	return qs;
}

/** GET /<collection> → the array under the same key (`{ workflows: [...] }`): one item per object. */
export async function fetchList(
	this: BenchworkContext,
	collection: 'workflows' | 'executions',
	qs: IDataObject,
): Promise<IDataObject[]> {
	const response = await benchworkApiRequest.call(this, { method: 'GET', path: apiPath(collection), qs });
	const list = response[collection];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}
