import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readChoice, readLimit, readText } from './validation';

/** What one Get Many may filter on. */
export interface ListFilters {
	/** The values Benchwork accepts for `status`. */
	statuses: readonly string[];
	/** The one ID filter of this list (`storeId`, `workflowId`) and its label in the UI. */
	idFilter: { key: string; label: string };
}

/** Limit and filters of a Get Many (workflows or executions), checked, as Benchwork's query. */
export function readListQuery(this: IExecuteFunctions, itemIndex: number, filters: ListFilters): IDataObject {
	const values = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { limit: readLimit.call(this, itemIndex) };
	const status = readChoice.call(this, values, 'status', 'Filters → Status', filters.statuses);
	const id = readText.call(this, values, filters.idFilter.key, `Filters → ${filters.idFilter.label}`);
	if (status) qs.status = status;
	if (id) qs[filters.idFilter.key] = id;
	return qs;
}
