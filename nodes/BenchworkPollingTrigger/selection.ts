import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import { checkId } from '../Benchwork/actions/validation';
import { inputError, showValue } from '../Benchwork/actions/inputError';
import type { BenchworkEvent } from '../BenchworkTrigger/description';
import { EVENTS } from '../BenchworkTrigger/description';
import type { OutputMode } from '../BenchworkTrigger/delivery/output';

/** The Benchwork status each event stands for (as the webhook trigger's deliveries do). */
export const STATUS_OF: Record<BenchworkEvent, 'success' | 'failed'> = {
	'execution.completed': 'success',
	'execution.failed': 'failed',
};

/**
 * Each workflow in the filter costs one request per event on every poll, so the list is kept
 * short enough to stay well inside Benchwork's 60 requests a minute.
 */
export const MAX_WORKFLOWS = 20;

const EVENTS_FIELD = 'Events';
const WORKFLOWS_FIELD = 'Options → Workflow Names or IDs';

/** What one poll asks Benchwork for. */
export interface Selection {
	events: BenchworkEvent[];
	/** Empty means every workflow. */
	workflowIds: string[];
	output: OutputMode;
}

function asList(raw: unknown): unknown[] {
	if (Array.isArray(raw)) return raw;
	if (typeof raw === 'string') return raw.split(',').filter((part) => part.trim() !== '');
	if (raw === undefined || raw === null) return [];
	return [raw];
}

/** checkId only needs the node; a poll has no item loop, so this is its whole context. */
function validationContext(context: IPollFunctions): IExecuteFunctions {
	return { getNode: () => context.getNode() } as unknown as IExecuteFunctions;
}

/**
 * Reads and checks the trigger's parameters before any request: the same events and workflow
 * filter as the webhook trigger, the same ID checks as the action node.
 */
export function readSelection(this: IPollFunctions): Selection {
	const node = this.getNode();
	const chosen = new Set<string>();
	for (const value of asList(this.getNodeParameter('events', []))) {
		const event = typeof value === 'string' ? value.trim() : value;
		if (typeof event !== 'string' || !(EVENTS as readonly string[]).includes(event)) {
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

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const raw = options && typeof options === 'object' ? options.workflowIds : undefined;
	const hint =
		'Choose Benchwork workflows from the list, or give their IDs (a list or comma-separated text); leave it empty for every workflow.';
	const workflowIds = [
		...new Set(
			asList(raw).map((value) =>
				checkId.call(validationContext(this), value, WORKFLOWS_FIELD, hint),
			),
		),
	];
	if (workflowIds.length > MAX_WORKFLOWS) {
		throw inputError(
			node,
			WORKFLOWS_FIELD,
			`${workflowIds.length} workflows chosen, at most ${MAX_WORKFLOWS}`,
			`Each workflow costs one Benchwork request per event on every poll. Choose at most ${MAX_WORKFLOWS}, or leave the filter empty to watch every workflow with one request per event.`,
		);
	}

	const output = options && typeof options === 'object' ? options.output : undefined;
	return { events, workflowIds, output: output === 'execution' ? 'execution' : 'event' };
}
