// @ts-check
'use strict';

/** The query of a list endpoint (GET /workflows, GET /executions): known parameters, each once. */

const { badRequest } = require('./replies');

/** @typedef {import('./types').Reply} Reply */

/**
 * Validates a list query: only known parameters, each at most once.
 * @param {URLSearchParams} query
 * @param {Record<string, 'string' | 'limit' | string[]>} spec
 * @returns {{ values: Record<string, string | number>, error?: undefined } | { error: Reply }}
 */
function parseListQuery(query, spec) {
	const names = Object.keys(spec);
	for (const name of new Set(query.keys())) {
		if (!names.includes(name))
			return {
				error: badRequest(`unknown query parameter "${name}" (allowed: ${names.join(', ')})`),
			};
	}
	/** @type {Record<string, string | number>} */
	const values = {};
	for (const name of names) {
		const all = query.getAll(name);
		if (all.length === 0) continue;
		if (all.length > 1) return { error: badRequest(`${name} must be given at most once`) };
		const v = all[0];
		const kind = spec[name];
		if (kind === 'limit') {
			const n = /^[0-9]{1,4}$/.test(v) ? Number(v) : NaN;
			if (!(n >= 1 && n <= 100))
				return { error: badRequest(`${name} must be an integer between 1 and 100`) };
			values[name] = n;
		} else if (kind === 'string') {
			if (v === '') return { error: badRequest(`${name} must be a non-empty string`) };
			values[name] = v;
		} else {
			if (!kind.includes(v))
				return { error: badRequest(`${name} must be one of: ${kind.join(', ')}`) };
			values[name] = v;
		}
	}
	return { values };
}

module.exports = { parseListQuery };
