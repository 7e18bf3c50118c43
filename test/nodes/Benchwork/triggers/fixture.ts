/** What the tests of both trigger nodes share. */

/** Both events a user can tick in a trigger's Events, sorted as Benchwork lists a webhook's. */
export const BOTH_EVENTS = ['execution.completed', 'execution.failed'];
