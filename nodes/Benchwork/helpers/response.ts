import type { IDataObject } from 'n8n-workflow';

/** The array under `key` of a list response (`{ workflows: [...] }`); one output item per object. */
export function listOf(response: IDataObject, key: string): IDataObject[] {
	const list = response[key];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}
