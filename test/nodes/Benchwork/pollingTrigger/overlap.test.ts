import type { Cursor } from '../../../../nodes/Benchwork/pollingTrigger/cursor';
import { claimStart } from '../../../../nodes/Benchwork/pollingTrigger/overlap';

const cursor: Cursor = {
	version: 2,
	account: 'acct',
	selection: 'both-events',
	generation: 1,
	polls: 4,
	floor: null,
	seen: {},
};

describe('polls of one trigger starting from the same cursor', () => {
	it('the later of two that start from one copy within a minute skips; a minute on, the copy is polled from again', () => {
		expect(claimStart('wf-a:node', cursor, 0)).toHaveProperty('release');
		expect(claimStart('wf-a:node', cursor, 59_999)).toEqual({ startedMsAgo: 59_999 });
		expect(claimStart('wf-a:node', cursor, 60_000)).toHaveProperty('release');
	});

	it('a poll from the next copy, or of another trigger, goes ahead', () => {
		expect(claimStart('wf-b:node', cursor, 0)).toHaveProperty('release');
		expect(claimStart('wf-b:node', { ...cursor, polls: 5 }, 1)).toHaveProperty('release');
		expect(claimStart('wf-c:node', { ...cursor, polls: 5 }, 1)).toHaveProperty('release');
	});

	it('a failed poll gives its copy back: the next poll starts from it at once', () => {
		const claim = claimStart('wf-d:node', cursor, 0);
		if (!('release' in claim)) throw new Error('the first poll claims its copy');
		claim.release();
		expect(claimStart('wf-d:node', cursor, 1)).toHaveProperty('release');
	});
});
