import type { IDataObject } from 'n8n-workflow';

import type { BenchworkContext } from './credential';
import { apiPath } from './path';
import { benchworkApiRequest } from './request';

/** The most objects one list call returns; Benchwork has no search or paging, so lists ask for this many and filter here. */
export const MAX_LIST_LIMIT = 100;

/** GET /<collection> → the array under the same key (`{ workflows: [...] }`). */
export async function fetchList(
	this: BenchworkContext,
	collection: 'workflows' | 'executions',
	qs: IDataObject,
): Promise<IDataObject[]> {
	const response = await benchworkApiRequest.call(this, {
		method: 'GET',
		path: apiPath(collection),
		qs,
	});
	const list = response[collection];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}
