// @ts-check
'use strict';

/**
 * Fixed-window rate limiting per key: windows `[floor(now/windowMs)*windowMs, +windowMs)`.
 * Headers in whole seconds (rounded up) as the service sends them, or with milliseconds when
 * `rateLimit.fractionalSeconds` is on.
 */

/** @typedef {import('./state').Context} Context */

/**
 * Counts one request of `key` in its current window (only when `count`: the starter key is not
 * counted, it only gets the headers of its window).
 * @param {Context} ctx
 * @param {string} key
 * @param {boolean} count
 * @returns {{ limited: boolean, headers: Record<string, string> }}
 */
function takeRateLimit(ctx, key, count) {
	const t = ctx.now();
	const { limit, windowMs, fractionalSeconds } = ctx.config.rateLimit;
	const start = Math.floor(t / windowMs) * windowMs;
	const end = start + windowMs;
	let w = ctx.rateWindows.get(key);
	if (!w || w.start !== start) {
		w = { start, count: 0 };
		ctx.rateWindows.set(key, w);
	}
	if (count) w.count++;
	const limited = count && w.count > limit;
	/** @type {Record<string, string>} */
	const headers = {
		'X-RateLimit-Limit': String(limit),
		'X-RateLimit-Remaining': String(Math.max(0, limit - w.count)),
		'X-RateLimit-Reset': String(fractionalSeconds ? end / 1000 : Math.ceil(end / 1000)),
	};
	if (limited) {
		headers['Retry-After'] = String(
			fractionalSeconds ? (end - t) / 1000 : Math.max(1, Math.ceil((end - t) / 1000)),
		);
	}
	return { limited, headers };
}

module.exports = { takeRateLimit };
