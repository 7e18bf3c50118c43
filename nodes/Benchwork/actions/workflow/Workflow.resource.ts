import type { BenchworkResource } from '../resource';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as trigger from './trigger.operation';

export const resource: BenchworkResource = {
	label: 'Workflow',
	key: 'workflow',
	operations: [getAll, get, trigger],
	defaultOperation: 'getAll',
};
