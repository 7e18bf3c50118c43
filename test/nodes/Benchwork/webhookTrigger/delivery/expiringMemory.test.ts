import { ExpiringMemory } from '../../../../../nodes/Benchwork/webhookTrigger/delivery/expiringMemory';
import {
	firstSighting,
	MAX_REMEMBERED_DELIVERIES,
} from '../../../../../nodes/Benchwork/webhookTrigger/delivery/replay';

describe('the trigger’s in-process memory', () => {
	it('forgets an entry at its deadline', () => {
		const memory = new ExpiringMemory<string>(10);
		memory.set('a', 'secret-a', 1_000, 0);
		expect(memory.get('a', 999)).toBe('secret-a');
		expect(memory.get('a', 1_000)).toBeUndefined();
		expect(memory.size).toBe(0);
	});

	it('holds at most its bound, dropping the entry stored longest ago', () => {
		const memory = new ExpiringMemory<number>(3);
		for (const [index, key] of ['a', 'b', 'c', 'd'].entries()) memory.set(key, index, 10_000, 0);
		expect(memory.size).toBe(3);
		expect(memory.get('a', 0)).toBeUndefined();
		expect(memory.get('d', 0)).toBe(3);
	});

	it('drops expired entries before dropping live ones', () => {
		const memory = new ExpiringMemory<number>(2);
		memory.set('old', 1, 100, 0);
		memory.set('live', 2, 10_000, 0);
		memory.set('new', 3, 10_000, 200);
		expect(memory.get('live', 200)).toBe(2);
		expect(memory.get('new', 200)).toBe(3);
	});

	describe('recent deliveries', () => {
		const now = 1_750_000_000_000;
		const signedAt = now / 1000;

		it('a delivery is first seen once per registration', () => {
			expect(firstSighting('registration-1', 'id:dlv_1', signedAt, now)).toBe(true);
			expect(firstSighting('registration-1', 'id:dlv_1', signedAt, now + 1_000)).toBe(false);
			expect(firstSighting('registration-2', 'id:dlv_1', signedAt, now)).toBe(true);
		});

		it('is remembered until its signed timestamp has left the 5-minute window, and at least 5 minutes after it was last seen', () => {
			expect(firstSighting('registration-3', 'id:dlv_2', signedAt + 240, now)).toBe(true);
			// Signed 4 minutes ahead: a replay is accepted until 9 minutes from now, so it is remembered that long.
			expect(firstSighting('registration-3', 'id:dlv_2', signedAt + 240, now + 8 * 60_000)).toBe(
				false,
			);
			// Seen again at 8 minutes: remembered until 13 minutes, then forgotten.
			expect(firstSighting('registration-3', 'id:dlv_2', signedAt + 240, now + 14 * 60_000)).toBe(
				true,
			);
		});

		it(`remembers at most ${MAX_REMEMBERED_DELIVERIES} deliveries per process, forgetting the oldest first`, () => {
			const at = now + 60 * 60_000;
			expect(firstSighting('registration-4', 'id:first', at / 1000, at)).toBe(true);
			for (let index = 0; index < MAX_REMEMBERED_DELIVERIES; index++)
				firstSighting('registration-4', `id:${index}`, at / 1000, at);
			expect(
				firstSighting('registration-4', `id:${MAX_REMEMBERED_DELIVERIES - 1}`, at / 1000, at),
			).toBe(false);
			expect(firstSighting('registration-4', 'id:first', at / 1000, at)).toBe(true);
		});
	});
});
