// @ts-check
'use strict';

/**
 * Matching a request against a route table (routes.js): `:name` segments capture a
 * percent-decoded segment, everything else matches literally.
 */

/**
 * @template H
 * @typedef {object} Route
 * @property {string} method e.g. 'GET'
 * @property {string} path e.g. '/workflows/:id/trigger' (after the table's prefix)
 * @property {H} handler
 * @property {(ctx: import('./state').Context) => boolean} [offered] false = the route is not
 *   listed in a 405's `Allow` (e.g. GET /webhooks when webhook management is off)
 * @property {boolean} [triggerAttempt] counted in stats.triggerAttempts under its `:id`, whether
 *   the handler or a fault answers
 */

/**
 * @param {string} pattern
 * @param {string[]} seg
 * @returns {Record<string, string> | null} the captured parameters, or null when it does not match
 */
function matchPath(pattern, seg) {
	const parts = pattern.split('/').slice(1);
	if (parts.length !== seg.length) return null;
	/** @type {Record<string, string>} */
	const params = {};
	for (let i = 0; i < parts.length; i++) {
		if (parts[i].startsWith(':')) params[parts[i].slice(1)] = seg[i];
		else if (parts[i] !== seg[i]) return null;
	}
	return params;
}

/**
 * @template H
 * @param {Route<H>[]} table
 * @param {string} method upper case
 * @param {string[]} seg decoded path segments
 * @returns {{ route: Route<H>, params: Record<string, string> } | { route: null, allowed: Route<H>[] }}
 *   the route, or (no route for this method) the routes of this path under other methods
 */
function findRoute(table, method, seg) {
	/** @type {Route<H>[]} */
	const allowed = [];
	for (const route of table) {
		const params = matchPath(route.path, seg);
		if (!params) continue;
		if (route.method === method) return { route, params };
		allowed.push(route);
	}
	return { route: null, allowed };
}

/**
 * Splits a raw path (after the table's prefix) into percent-decoded segments.
 * @param {string} rest e.g. '/workflows/wf_x%2Ftrigger'
 * @returns {string[] | null} null on invalid percent-encoding
 */
function segmentsOf(rest) {
	try {
		return rest
			.split('/')
			.slice(1)
			.map((s) => decodeURIComponent(s));
	} catch {
		return null;
	}
}

module.exports = { findRoute, segmentsOf };
