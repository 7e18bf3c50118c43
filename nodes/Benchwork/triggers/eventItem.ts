import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../common/json';
import type { OutputMode, TriggerSettings } from './settings';

/**
 * An event as Benchwork delivers it: `{ event, deliveryId, createdAt, execution }`
 * (docs/benchwork-api.md, part 3). The polling trigger builds the same from a run it found
 * (pollingTrigger/runEvent.ts), so either trigger node gives the same items.
 */
export type BenchworkEventObject = IDataObject & { event: string; execution?: unknown };

/** Why the event starts nothing ("event not selected", "workflow not selected"), or undefined. */
export function unwantedBecause(
	event: BenchworkEventObject,
	settings: Pick<TriggerSettings, 'events' | 'workflowIds'>,
): string | undefined {
	if (!(settings.events as readonly string[]).includes(event.event)) return 'event not selected';
	const workflowId = String(asObject(event.execution)?.workflowId ?? '');
	if (settings.workflowIds.length > 0 && !settings.workflowIds.includes(workflowId)) {
		return 'workflow not selected';
	}
	return undefined;
}

/**
 * The json of the item a started workflow receives. "Whole Event": the event object as it is.
 * "Execution Only": the execution's fields with the event name added as `event`.
 */
export function eventItemJson(event: BenchworkEventObject, output: OutputMode): IDataObject {
	if (output === 'execution') {
		return { ...(asObject(event.execution) as IDataObject | undefined), event: event.event };
	}
	return event;
}
