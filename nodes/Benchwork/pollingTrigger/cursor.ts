import type { IDataObject } from 'n8n-workflow';

import type { BenchworkEvent } from '../triggers/events';

/** A run Benchwork lists as finished, with what ordering needs pulled out. */
export interface FinishedRun {
	id: string;
	/** The event its final status stands for (the list it was found in asked for that status). */
	event: BenchworkEvent;
	/** Benchwork's own finishedAt, in ms: the cursor never uses n8n's clock. */
	finishedAtMs: number;
	execution: IDataObject;
}

/** What a cursor is about: which Benchwork, which runs, and which baseline it descends from. */
export interface CursorScope {
	/** Which Benchwork (a digest of the credential's base URL). */
	account: string;
	/** Which runs (a digest of the Events and the workflow filter). */
	selection: string;
	/** Which baseline: 1 for the first one this trigger took, counting up with each new one. */
	generation: number;
}

/**
 * What the node keeps between polls: where Benchwork was, as IDs and Benchwork timestamps, and
 * what that is about. Small and free of secrets. n8n keeps it in the node's static data (its
 * durable poll scheduler: in a table of its own), and the baseline taken at publication also in
 * the workflow's static data (see startingPoint.ts).
 */
export interface Cursor extends CursorScope {
	version: 2;
	/** Polls that advanced it since its baseline: with generation, names the copy a poll starts from. */
	polls: number;
	/**
	 * Benchwork finishedAt (ms) below which a run counts as handled, whether seen or not; null
	 * while Benchwork has shown no finished run, so every run it shows later is new.
	 */
	floor: number | null;
	/** Runs handled with finishedAt at or above the floor: ID → finishedAt (ms). */
	seen: Record<string, number>;
}

/**
 * How far behind the newest finishedAt a run may still turn up and be emitted. Benchwork may
 * stamp finishedAt coarsely or make a run visible a little after stamping it; a run that shows up
 * later than this with an older finishedAt is taken as handled (never emitted twice).
 */
export const LOOK_BACK_MS = 5 * 60_000;

/** At most this many IDs are kept; beyond it the oldest finishedAt values leave together. */
export const MAX_SEEN = 1000;

function emptyCursor(scope: CursorScope): Cursor {
	return { version: 2, ...scope, polls: 0, floor: null, seen: {} };
}

const isCount = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** The stored cursor when it is one this code wrote; anything else reads as none. */
export function readCursor(value: unknown): Cursor | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const cursor = value as Partial<Cursor>;
	if (cursor.version !== 2) return undefined;
	if (typeof cursor.account !== 'string' || typeof cursor.selection !== 'string') return undefined;
	if (!isCount(cursor.generation) || !isCount(cursor.polls)) return undefined;
	if (cursor.floor !== null && !Number.isFinite(cursor.floor)) return undefined;
	if (!cursor.seen || typeof cursor.seen !== 'object' || Array.isArray(cursor.seen))
		return undefined;
	const seen: Record<string, number> = {};
	for (const [id, at] of Object.entries(cursor.seen)) if (Number.isFinite(at)) seen[id] = at;
	const { account, selection, generation, polls } = cursor;
	return { version: 2, account, selection, generation, polls, floor: cursor.floor ?? null, seen };
}

/** The newest finishedAt the cursor has handled (the floor when it holds no IDs). */
export function newestHandled(cursor: Cursor): number | null {
	const times = Object.values(cursor.seen);
	return times.length > 0 ? Math.max(...times) : cursor.floor;
}

export function isNew(cursor: Cursor, run: FinishedRun): boolean {
	if (Object.prototype.hasOwnProperty.call(cursor.seen, run.id)) return false;
	return cursor.floor === null || run.finishedAtMs >= cursor.floor;
}

/** Oldest first; equal finishedAt values in a stable order (by ID). */
export function byFinish(a: FinishedRun, b: FinishedRun): number {
	return a.finishedAtMs - b.finishedAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The runs not handled yet (oldest first) and the cursor once they are, one poll further on.
 * Absence from a list proves nothing, so runs are only ever added; the floor moves to the newest
 * finishedAt seen minus the look-back, and never back.
 */
export function advance(
	cursor: Cursor,
	runs: readonly FinishedRun[],
): { fresh: FinishedRun[]; next: Cursor } {
	const fresh: FinishedRun[] = [];
	const seen: Record<string, number> = { ...cursor.seen };
	for (const run of runs) {
		if (!isNew({ ...cursor, seen }, run)) continue;
		seen[run.id] = run.finishedAtMs;
		fresh.push(run);
	}
	fresh.sort(byFinish);

	const times = Object.values(seen);
	let floor = cursor.floor;
	if (times.length > 0) {
		const newest = Math.max(...times);
		floor = Math.max(floor ?? -Infinity, newest - LOOK_BACK_MS);
	}
	let kept = Object.entries(seen).filter(([, at]) => floor === null || at >= floor);
	if (kept.length > MAX_SEEN) {
		// Drop whole groups of equal finishedAt, oldest first, so the floor stays exact.
		kept.sort((a, b) => b[1] - a[1]);
		let cut = MAX_SEEN;
		while (cut > 1 && kept[cut - 1][1] === kept[cut]?.[1]) cut--;
		if (kept[cut - 1][1] === kept[cut]?.[1]) cut = kept.length;
		kept = kept.slice(0, cut);
		floor = kept[kept.length - 1][1];
	}
	return {
		fresh,
		next: { ...cursor, polls: cursor.polls + 1, floor, seen: Object.fromEntries(kept) },
	};
}

/** A baseline: everything Benchwork shows now counts as handled, no poll counted yet. */
export function baseline(scope: CursorScope, runs: readonly FinishedRun[]): Cursor {
	return { ...advance(emptyCursor(scope), runs).next, polls: 0 };
}
