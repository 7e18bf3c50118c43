// @ts-check
'use strict';
// What Simplify keeps of an execution, as the README promises it: written here, apart from the
// node's own list (nodes/Benchwork/actions/execution/simplify.ts), so that a change there which
// breaks the promise fails the tests. Plain CommonJS: the jest tests and the e2e suite (plain
// Node) both read it.

/** A simplified execution's fields, sorted. */
const SIMPLIFIED_KEYS = [
	'durationMs',
	'finishedAt',
	'id',
	'startedAt',
	'status',
	'workflowId',
	'workflowName',
];

/** A run that did not succeed also names its failing step and the step's message. */
const SIMPLIFIED_FAILED_KEYS = [...SIMPLIFIED_KEYS, 'error', 'failedStep'].sort();

module.exports = { SIMPLIFIED_KEYS, SIMPLIFIED_FAILED_KEYS };
