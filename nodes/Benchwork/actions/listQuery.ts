import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { statusOptions } from '../common/statuses';
import { limitField } from './common.descriptions';
import { readChoice, readLimit, readText } from './validation';

/** What one Get Many may filter on. */
export interface ListFilters {
	resource: 'workflow' | 'execution';
	/** The values Benchwork accepts for `status` (common/statuses.ts), offered by the Status filter. */
	statuses: readonly string[];
	/** The Status filter's preselected value and description. */
	status: { default: string; description: string };
	/** The one ID filter of this list (`storeId`, `workflowId`) and its label in the UI. */
	idFilter: { key: string; label: string; description: string };
}

/** Limit and Filters, as both Get Many operations show them. */
export function listDescription(filters: ListFilters): INodeProperties[] {
	const show = { resource: [filters.resource], operation: ['getAll'] };
	// A plain name: n8n's lint (its scanner ignores eslint-disable comments) reads a member
	// expression as a missing default.
	const statusDefault = filters.status.default;
	return [
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
					default: statusDefault,
					options: statusOptions(filters.statuses),
					description: filters.status.description,
				},
				{
					displayName: filters.idFilter.label,
					name: filters.idFilter.key,
					type: 'string',
					default: '',
					description: filters.idFilter.description,
				},
			],
		},
	];
}

/** Limit and filters of a Get Many, checked, as Benchwork's query. */
export function readListQuery(
	this: IExecuteFunctions,
	itemIndex: number,
	filters: ListFilters,
): IDataObject {
	const values = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { limit: readLimit.call(this, itemIndex) };
	const status = readChoice.call(this, values, 'status', 'Filters → Status', filters.statuses);
	const id = readText.call(
		this,
		values,
		filters.idFilter.key,
		`Filters → ${filters.idFilter.label}`,
	);
	if (status) qs.status = status;
	if (id) qs[filters.idFilter.key] = id;
	return qs;
}
