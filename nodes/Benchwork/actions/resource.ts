import type { INodeProperties } from 'n8n-workflow';

import type { BenchworkOperation } from './operationTypes';

/** A resource as its `<Resource>.resource.ts` declares it: its operations, listed once. */
export interface BenchworkResource {
	/** Its name in the Resource picker. */
	label: string;
	/** The `resource` parameter's value. */
	key: string;
	operations: Array<BenchworkOperation<unknown>>;
	defaultOperation: string;
}

/** The resource's Operation picker (sorted by name, as n8n lists options) and every operation's fields. */
export function resourceProperties(resource: BenchworkResource): INodeProperties[] {
	const options = resource.operations
		.map((operation) => operation.option)
		.sort((a, b) => a.name.localeCompare(b.name));
	// A plain name, not `resource.defaultOperation`: n8n's lint (run by its scanner, which ignores
	// eslint-disable comments) reads a member expression as a missing default.
	const { defaultOperation } = resource;
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.key] } },
			options,
			default: defaultOperation,
		},
		...resource.operations.flatMap((operation) => operation.description),
	];
}
