// @ts-check
'use strict';

/**
 * The order of a list answer (GET /executions, GET /workflows). `listOrder: 'newest'` (default)
 * keeps the service's order; 'shuffled' answers the same page in a shuffled order, as a service
 * that does not promise one might. The shuffles are seeded (`listSeed`): the n-th list call after
 * a reset or a configure() of either setting is shuffled the same way on every run of a test.
 */

/**
 * mulberry32: a small, well-mixed 32-bit PRNG; the same seed gives the same numbers.
 * @param {number} seed
 * @returns {() => number} in [0, 1)
 */
function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * @template T
 * @param {import('./state').Context} ctx
 * @param {T[]} page the answer's items in the service's order (changed in place)
 * @returns {T[]}
 */
function listOrdered(ctx, page) {
	if (ctx.config.listOrder !== 'shuffled') return page;
	const random = seededRandom(ctx.config.listSeed * 7919 + ctx.listCalls++);
	for (let i = page.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[page[i], page[j]] = [page[j], page[i]];
	}
	return page;
}

module.exports = { listOrdered };
