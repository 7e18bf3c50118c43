import type { FinishedRun } from '../../../../nodes/Benchwork/pollingTrigger/cursor';
import {
	advance,
	baseline,
	isNew,
	LOOK_BACK_MS,
	MAX_SEEN,
	readCursor,
} from '../../../../nodes/Benchwork/pollingTrigger/cursor';

const T0 = Date.UTC(2026, 0, 1);
const SCOPE = { account: 'acct', selection: 'both-events', generation: 1 };

function run(id: string, finishedAtMs: number): FinishedRun {
	return { id, event: 'execution.completed', finishedAtMs, execution: { id } };
}

describe('the polling cursor kept in static data', () => {
	it('stays small: a burst within the look-back keeps at most MAX_SEEN IDs, and older runs then count as handled', () => {
		const burst = Array.from({ length: MAX_SEEN + 500 }, (_, n) => run(`exe_${n}`, T0 + n * 10));
		const cursor = baseline(SCOPE, burst);
		expect(Object.keys(cursor.seen)).toHaveLength(MAX_SEEN);
		expect(JSON.stringify(cursor).length).toBeLessThan(40_000);
		expect(cursor.floor).toBe(T0 + 500 * 10);
		expect(isNew(cursor, run('exe_late_old', T0 + 499 * 10))).toBe(false);
		expect(isNew(cursor, run('exe_late_kept', T0 + 500 * 10))).toBe(true);
		expect(isNew(cursor, run('exe_1499', T0 + 1499 * 10))).toBe(false);
	});

	it('never splits a group of equal finishedAt values when it has to drop IDs', () => {
		const runs = [
			...Array.from({ length: 600 }, (_, n) => run(`exe_a${n}`, T0)),
			...Array.from({ length: 600 }, (_, n) => run(`exe_b${n}`, T0 + 1000)),
		];
		const cursor = baseline(SCOPE, runs);
		expect(Object.keys(cursor.seen)).toHaveLength(600);
		expect(cursor.floor).toBe(T0 + 1000);
		// A run of the dropped group that shows up now is older than the floor: handled.
		expect(isNew(cursor, run('exe_a_new', T0))).toBe(false);
	});

	it('forgets IDs older than the look-back behind the newest run, and moves the floor only forward', () => {
		const first = baseline(SCOPE, [run('exe_1', T0)]);
		const { fresh, next } = advance(first, [run('exe_2', T0 + LOOK_BACK_MS + 1)]);
		expect(fresh.map((r) => r.id)).toEqual(['exe_2']);
		expect(Object.keys(next.seen)).toEqual(['exe_2']);
		expect(next.floor).toBe(T0 + 1);
		const again = advance(next, [run('exe_1', T0), run('exe_2', T0 + LOOK_BACK_MS + 1)]);
		expect(again.fresh).toEqual([]);
	});

	it('reads anything it did not write as no cursor (the next poll then records a fresh one)', () => {
		const stored = { version: 2, ...SCOPE, polls: 3, floor: 5, seen: { b: 7 } };
		expect(readCursor(undefined)).toBeUndefined();
		expect(readCursor({ ...stored, version: 1 })).toBeUndefined();
		expect(readCursor({ ...stored, floor: 'x' })).toBeUndefined();
		expect(readCursor({ ...stored, selection: undefined })).toBeUndefined();
		expect(readCursor({ ...stored, generation: -1 })).toBeUndefined();
		expect(readCursor({ ...stored, seen: { a: 'x', b: 7 } })).toEqual(stored);
	});

	it('counts the polls that advance it, from a baseline that counts none', () => {
		const taken = baseline(SCOPE, [run('exe_1', T0)]);
		expect(taken.polls).toBe(0);
		expect(advance(taken, []).next.polls).toBe(1);
		expect(advance(advance(taken, []).next, [run('exe_2', T0 + 1)]).next.polls).toBe(2);
	});
});
