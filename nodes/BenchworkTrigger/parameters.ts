import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { BenchworkEvent } from './description';
import { EVENTS } from './description';

type TriggerContext = IHookFunctions | IWebhookFunctions;

export type OutputMode = 'event' | 'execution';

function isEvent(value: unknown): value is BenchworkEvent {
	return typeof value === 'string' && (EVENTS as readonly string[]).includes(value);
}

/** The selected events, known ones only, each once, in a stable order. */
export function readEvents(this: TriggerContext): BenchworkEvent[] {
	const raw = this.getNodeParameter('events', []) as unknown;
	const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
	const chosen = new Set(list.map((value) => (typeof value === 'string' ? value.trim() : value)));
	return EVENTS.filter((event) => chosen.has(event));
}

export function sameEvents(a: readonly unknown[], b: readonly unknown[]): boolean {
	const left = new Set(a.filter(isEvent));
	const right = new Set(b.filter(isEvent));
	return left.size === right.size && [...left].every((event) => right.has(event));
}

function options(context: TriggerContext): IDataObject {
	const raw = context.getNodeParameter('options', {}) as unknown;
	return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as IDataObject) : {};
}

/** Empty means "every workflow". An expression may give a list or comma-separated text. */
export function readWorkflowIds(this: TriggerContext): string[] {
	const raw = options(this).workflowIds;
	const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
	return list
		.map((value) =>
			typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '',
		)
		.filter((value) => value !== '');
}

export function readOutputMode(this: TriggerContext): OutputMode {
	return options(this).output === 'execution' ? 'execution' : 'event';
}
