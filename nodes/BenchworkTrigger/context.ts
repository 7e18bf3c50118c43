import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import type { BenchworkEvent } from './description';
import { EVENTS, isBenchworkEvent } from './description';
import type { OutputMode, TriggerSettings } from './delivery/output';

/**
 * What every trigger method needs from n8n's context for this node: its parameters, read the
 * same way in the webhook methods, in webhook() and in any other node built on description.ts
 * (only getNodeParameter is used, so a poll context serves too), and its log.
 */
export interface ParameterSource {
	getNodeParameter(name: string, fallback: unknown): unknown;
}

/** A list parameter that an expression may give as a list or as comma-separated text. */
function listOf(raw: unknown): unknown[] {
	return Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
}

/** The selected events, known ones only, each once, in a stable order. */
export function readEvents(this: ParameterSource): BenchworkEvent[] {
	const chosen = new Set(
		listOf(this.getNodeParameter('events', [])).map((value) =>
			typeof value === 'string' ? value.trim() : value,
		),
	);
	return EVENTS.filter((event) => chosen.has(event));
}

export function sameEvents(a: readonly unknown[], b: readonly unknown[]): boolean {
	const left = new Set(a.filter(isBenchworkEvent));
	const right = new Set(b.filter(isBenchworkEvent));
	return left.size === right.size && [...left].every((event) => right.has(event));
}

function options(source: ParameterSource): IDataObject {
	const raw = source.getNodeParameter('options', {});
	return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as IDataObject) : {};
}

/** Empty means "every workflow". */
export function readWorkflowIds(this: ParameterSource): string[] {
	return listOf(options(this).workflowIds)
		.map((value) =>
			typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '',
		)
		.filter((value) => value !== '');
}

export function readOutputMode(this: ParameterSource): OutputMode {
	return options(this).output === 'execution' ? 'execution' : 'event';
}

/** Events, workflow filter and output mode together, as delivery/output.ts takes them. */
export function readTriggerSettings(this: ParameterSource): TriggerSettings {
	return {
		events: readEvents.call(this),
		workflowIds: readWorkflowIds.call(this),
		output: readOutputMode.call(this),
	};
}

/** The part of n8n's contexts (webhook methods, webhook(), polling) that logging uses. */
export type LogSource = Pick<IHookFunctions, 'getNode' | 'getWorkflow' | 'logger'>;

type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Logs with the node and workflow named, so an operator can find the trigger concerned.
 * Callers pass ids, URLs and reasons only: never a secret, key, signature or request body.
 */
export function log(
	this: LogSource,
	level: LogLevel,
	message: string,
	meta: Record<string, unknown> = {},
): void {
	const node = this.getNode();
	const workflow = this.getWorkflow();
	this.logger?.[level](
		`Benchwork Trigger "${node.name}" (workflow ${String(workflow.id)}): ${message}`,
		{
			workflowId: workflow.id,
			node: node.name,
			...meta,
		},
	);
}
