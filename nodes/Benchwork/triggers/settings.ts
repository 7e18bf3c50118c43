import type { IDataObject, INode } from 'n8n-workflow';

import { checkId } from '../common/ids';
import { inputError, showValue } from '../common/inputError';
import type { BenchworkEvent } from './events';
import { EVENTS, isBenchworkEvent } from './events';

/**
 * Where the trigger nodes read their parameters from: n8n's hook, webhook and poll contexts all
 * offer this (a trigger has no items, so no item index).
 */
export interface ParameterSource {
	getNode(): INode;
	getNodeParameter(name: string, fallback: unknown): unknown;
}

/** The Output option: the whole event, or the execution alone (eventItem.ts). */
export type OutputMode = 'event' | 'execution';

/** What both trigger nodes were told to start on and what the started workflow receives. */
export interface TriggerSettings {
	/** The selected events, each once, in EVENTS order. */
	events: BenchworkEvent[];
	/** Benchwork workflow IDs; empty means every workflow. */
	workflowIds: string[];
	output: OutputMode;
}

const EVENTS_FIELD = 'Events';
export const WORKFLOWS_FIELD = 'Options → Workflow Names or IDs';

/** A list parameter that an expression may give as a list, as comma-separated text or alone. */
function listOf(raw: unknown): unknown[] {
	if (Array.isArray(raw)) return raw;
	if (typeof raw === 'string') return raw.split(',').filter((part) => part.trim() !== '');
	if (raw === undefined || raw === null || raw === '') return [];
	return [raw];
}

function optionsOf(source: ParameterSource): IDataObject {
	const raw = source.getNodeParameter('options', {});
	return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as IDataObject) : {};
}

/**
 * The selected events. An unknown value (an expression's typo) or none at all is refused with an
 * input error, in both trigger nodes alike: starting on fewer events than the user asked for
 * would fail silently.
 */
export function readEvents(this: ParameterSource): BenchworkEvent[] {
	const node = this.getNode();
	const chosen = new Set<string>();
	for (const value of listOf(this.getNodeParameter('events', []))) {
		const event = typeof value === 'string' ? value.trim() : value;
		if (!isBenchworkEvent(event)) {
			throw inputError(
				node,
				EVENTS_FIELD,
				`${showValue(value)} is not a Benchwork event`,
				`Choose Execution Completed, Execution Failed or both (values ${EVENTS.join(', ')}).`,
			);
		}
		chosen.add(event);
	}
	const events = EVENTS.filter((event) => chosen.has(event));
	if (events.length === 0) {
		throw inputError(
			node,
			EVENTS_FIELD,
			'none chosen',
			'Choose Execution Completed, Execution Failed or both.',
		);
	}
	return events;
}

/** The workflow filter, each ID checked and listed once; empty means every workflow. */
function readWorkflowIds(source: ParameterSource): string[] {
	const hint =
		'Choose Benchwork workflows from the list, or give their IDs (a list or comma-separated text); leave it empty for every workflow.';
	const node = source.getNode();
	return [
		...new Set(
			listOf(optionsOf(source).workflowIds).map((value) =>
				checkId(node, value, WORKFLOWS_FIELD, hint),
			),
		),
	];
}

/** Events, workflow filter and Output, checked before any request. */
export function readTriggerSettings(this: ParameterSource): TriggerSettings {
	return {
		events: readEvents.call(this),
		workflowIds: readWorkflowIds(this),
		output: optionsOf(this).output === 'execution' ? 'execution' : 'event',
	};
}
