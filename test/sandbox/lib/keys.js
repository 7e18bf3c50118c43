// @ts-check
'use strict';

/** The API keys the sandbox knows, and reading one from an Authorization header. */

const KEYS = Object.freeze({
	enterprise: 'bw_live_sandbox_enterprise',
	enterprise2: 'bw_live_sandbox_enterprise_2',
	starter: 'bw_live_sandbox_starter',
});

/** Keys with API access, each with its own rate-limit window. */
/** @type {Set<string>} */
const ENTERPRISE_KEYS = new Set([KEYS.enterprise, KEYS.enterprise2]);

/**
 * @param {string | undefined} header
 * @returns {string | null} the key when it is a known one
 */
function parseKey(header) {
	if (typeof header !== 'string') return null;
	const m = /^Bearer ([^\s]+)$/i.exec(header.trim());
	if (!m) return null;
	const key = m[1];
	return ENTERPRISE_KEYS.has(key) || key === KEYS.starter ? key : null;
}

module.exports = { KEYS, ENTERPRISE_KEYS, parseKey };
