import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../../Benchwork/common/json';
import type { BenchworkEvent } from '../description';

/** The Output option (description.ts `outputOption`). */
export type OutputMode = 'event' | 'execution';

/** The node's choices that decide whether an event starts the workflow and what it receives. */
export interface TriggerSettings {
	/** The selected events; an event not listed starts nothing. */
	events: readonly string[];
	/** Benchwork workflow IDs; empty means every workflow. */
	workflowIds: readonly string[];
	output: OutputMode;
}

/**
 * An event as Benchwork delivers it: `{ event, deliveryId, createdAt, execution }`
 * (docs/benchwork-api.md, part 3). A polling trigger builds one from an execution it found:
 * `{ event: eventOfStatus(execution.status), execution }`, adding createdAt if it likes.
 */
export type BenchworkEventObject = IDataObject & { event: string; execution?: unknown };

/** The event a finished execution's status stands for: Benchwork's own mapping. */
export function eventOfStatus(status: unknown): BenchworkEvent | undefined {
	if (status === 'success') return 'execution.completed';
	if (status === 'failed') return 'execution.failed';
	return undefined;
}

/** Why the event starts nothing ("event not selected", "workflow not selected"), or undefined. */
export function unwantedBecause(
	event: BenchworkEventObject,
	settings: Pick<TriggerSettings, 'events' | 'workflowIds'>,
): string | undefined {
	if (!settings.events.includes(event.event)) return 'event not selected';
	const workflowId = String(asObject(event.execution)?.workflowId ?? '');
	if (settings.workflowIds.length > 0 && !settings.workflowIds.includes(workflowId)) {
		return 'workflow not selected';
	}
	return undefined;
}

/**
 * The json of the item the workflow starts with. "Whole Event": the event object as it is.
 * "Execution Only": the execution's fields with the event name added as `event`.
 */
export function outputJson(event: BenchworkEventObject, output: OutputMode): IDataObject {
	if (output === 'execution') {
		return { ...(asObject(event.execution) as IDataObject | undefined), event: event.event };
	}
	return event;
}
