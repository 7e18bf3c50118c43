import type { Cursor } from './cursor';

/**
 * How long the copy of a cursor a poll started from stays claimed. n8n's durable scheduler starts
 * Poll Times that come due together, and after a restart every one that came due in the last
 * minute, at once, each with its own copy of the same cursor read as it starts; whichever commits
 * last wins, so each would emit the same runs.
 */
const CLAIM_MS = 60_000;

/** Per trigger in this n8n process: the copy its latest poll started from, and when. */
const claims = new Map<string, { copy: string; at: number }>();

/**
 * Claims the copy of the cursor a poll starts from, or says how long ago another poll of the
 * same trigger started from that very copy, when that was less than a minute ago: it finds what
 * this one would, so this one emits nothing and changes nothing. A claim's release is for a poll
 * that failed, so the next one may start from the same copy at once. A claim only ever delays a
 * poll: if n8n threw a poll's result away, the copy is polled from again once the claim is a
 * minute old.
 */
export function claimStart(
	trigger: string,
	from: Cursor,
	now: number,
): { release: () => void } | { startedMsAgo: number } {
	const copy = [from.account, from.selection, from.generation, from.polls].join(':');
	// Claims a minute old claim nothing: forgotten, so the map holds only the triggers that polled
	// in the last minute (it is kept in insertion order, oldest first).
	for (const [key, old] of claims) {
		if (now - old.at < CLAIM_MS) break;
		claims.delete(key);
	}
	const claim = claims.get(trigger);
	if (claim && claim.copy === copy && now - claim.at < CLAIM_MS)
		return { startedMsAgo: now - claim.at };
	const mine = { copy, at: now };
	claims.delete(trigger); // re-inserted last: the order stays oldest first
	claims.set(trigger, mine);
	return {
		release: () => {
			if (claims.get(trigger) === mine) claims.delete(trigger);
		},
	};
}
