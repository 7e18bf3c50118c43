import type { IDataObject } from 'n8n-workflow';

import type { Cursor } from './cursor';
import { readCursor } from './cursor';

/** Where the cursor lives in the node's static data. */
const CURSOR_KEY = 'benchworkCursor';

/** Where the baselines taken at publication live in the workflow's static data, by trigger name. */
const BASELINES_KEY = 'benchworkPollingBaselines';

/** Why a poll takes a new baseline. */
export type BaselineReason = 'first' | 'account' | 'selection';

/** Where a poll starts: from a cursor, or by taking a new baseline (that generation). */
export type StartingPoint =
	{ from: Cursor } | { baseline: { generation: number; reason: BaselineReason } };

/** The two stored copies a poll can start from. */
export interface StoredCursors {
	/** The node's cursor (n8n's durable scheduler keeps it in a table of its own). */
	cursor: Cursor | undefined;
	/** The baseline this trigger took last, kept in the workflow's static data. */
	published: Cursor | undefined;
}

/** Reads both copies: the node's static data, and the workflow's (its global part). */
export function readStored(
	nodeData: IDataObject,
	workflowData: IDataObject,
	trigger: string,
): StoredCursors {
	const baselines = workflowData[BASELINES_KEY];
	const published =
		baselines && typeof baselines === 'object' && !Array.isArray(baselines)
			? readCursor((baselines as IDataObject)[trigger])
			: undefined;
	return { cursor: readCursor(nodeData[CURSOR_KEY]), published };
}

/** Writes the node's cursor. */
export function storeCursor(nodeData: IDataObject, cursor: Cursor): void {
	nodeData[CURSOR_KEY] = cursor as unknown as IDataObject;
}

/**
 * Writes a new baseline as the node's cursor and into the workflow's static data. The workflow's
 * object is replaced as a whole, so n8n sees the change and saves it.
 */
export function storeBaseline(
	nodeData: IDataObject,
	workflowData: IDataObject,
	trigger: string,
	taken: Cursor,
): void {
	storeCursor(nodeData, taken);
	const baselines = workflowData[BASELINES_KEY];
	workflowData[BASELINES_KEY] = {
		...(baselines && typeof baselines === 'object' && !Array.isArray(baselines) ? baselines : {}),
		[trigger]: taken as unknown as IDataObject,
	};
}

/**
 * The rule for "the first poll after the user published", from stored data only: never from
 * this process's memory, nor from the activation mode n8n reports (its durable scheduler gives
 * every poll a fresh context in mode `update`).
 *
 * A poll starts from the most recent stored copy (the higher generation; the node's cursor when
 * equal) if that copy is about this Benchwork account and these Events and workflows. With
 * neither copy, or when the most recent one is about another account or selection, it takes a new
 * baseline: every run Benchwork lists then counts as handled, and the baseline is written both as
 * the node's cursor and into the workflow's static data. Two copies because n8n saves the
 * workflow's static data at publication under both poll engines, while its durable scheduler
 * throws away what the publication's poll wrote into the node's static data (it keeps the node's
 * cursor in a table of its own, written by its own polls only): the scheduler's first poll, and
 * the first poll after a restart of a workflow that has emitted nothing yet, start from the
 * workflow's copy. Later polls advance the node's cursor and never the workflow's copy.
 */
export function startingPoint(
	stored: StoredCursors,
	current: { account: string; selection: string },
): StartingPoint {
	const copies = [stored.cursor, stored.published].filter(
		(copy): copy is Cursor => copy !== undefined,
	);
	// Stable: on equal generations the node's cursor (listed first) stays first.
	const latest = [...copies].sort((a, b) => b.generation - a.generation)[0];
	if (!latest) return { baseline: { generation: 1, reason: 'first' } };
	if (latest.account === current.account && latest.selection === current.selection)
		return { from: latest };
	return {
		baseline: {
			generation: latest.generation + 1,
			reason: latest.account !== current.account ? 'account' : 'selection',
		},
	};
}
