import type { BenchworkResource } from '../resource';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const resource: BenchworkResource = {
	label: 'Execution',
	key: 'execution',
	operations: [getAll, get],
	defaultOperation: 'getAll',
};
