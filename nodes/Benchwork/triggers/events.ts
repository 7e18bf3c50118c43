import type { ExecutionStatus } from '../common/statuses';

/**
 * The events both trigger nodes start workflows on, and the rule tying each to the final
 * execution status it reports: Benchwork sends `execution.completed` for a run that ended with
 * status `success` and `execution.failed` for one that ended `failed`.
 */
export const STATUS_OF_EVENT = {
	'execution.completed': 'success',
	'execution.failed': 'failed',
} as const satisfies Record<string, ExecutionStatus>;

export type BenchworkEvent = keyof typeof STATUS_OF_EVENT;

/** In a stable order (what is registered and logged). */
export const EVENTS = Object.keys(STATUS_OF_EVENT) as BenchworkEvent[];

export function isBenchworkEvent(value: unknown): value is BenchworkEvent {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(STATUS_OF_EVENT, value);
}

/** Whether two lists name the same events (order and unknown values ignored). */
export function sameEvents(a: readonly unknown[], b: readonly unknown[]): boolean {
	const left = new Set(a.filter(isBenchworkEvent));
	const right = new Set(b.filter(isBenchworkEvent));
	return left.size === right.size && [...left].every((event) => right.has(event));
}
