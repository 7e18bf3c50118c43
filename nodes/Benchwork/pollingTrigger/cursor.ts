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

/**
 * What the node keeps in its static data between polls (n8n saves it with every poll that starts
 * an execution, and at activation). Small and free of secrets: IDs and Benchwork timestamps.
 */
export interface Cursor {
	version: 1;
	/** Which Benchwork the cursor belongs to (a digest of the credential's base URL). */
	account: string;
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

function emptyCursor(account: string): Cursor {
	return { version: 1, account, floor: null, seen: {} };
}

/** The stored cursor when it is one this code wrote; anything else reads as none. */
export function readCursor(value: unknown): Cursor | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const cursor = value as Partial<Cursor>;
	if (cursor.version !== 1 || typeof cursor.account !== 'string') return undefined;
	if (cursor.floor !== null && !Number.isFinite(cursor.floor)) return undefined;
	if (!cursor.seen || typeof cursor.seen !== 'object' || Array.isArray(cursor.seen))
		return undefined;
	const seen: Record<string, number> = {};
	for (const [id, at] of Object.entries(cursor.seen)) if (Number.isFinite(at)) seen[id] = at;
	return { version: 1, account: cursor.account, floor: cursor.floor ?? null, seen };
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
 * The runs not handled yet (oldest first) and the cursor once they are. Absence from a list
 * proves nothing, so runs are only ever added; the floor moves to the newest finishedAt seen
 * minus the look-back, and never back.
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
	return { fresh, next: { ...cursor, floor, seen: Object.fromEntries(kept) } };
}

/** The cursor at activation: everything Benchwork shows now counts as handled. */
export function baseline(account: string, runs: readonly FinishedRun[]): Cursor {
	return advance(emptyCursor(account), runs).next;
}

export function sameCursor(a: Cursor | undefined, b: Cursor): boolean {
	return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
