// @ts-check
'use strict';

/** The sandbox's config: defaults, start-up options, and validated partial changes. */

const { invalid } = require('./errors');
const { clone, isPlainObject, isNonNegativeInteger, isNonNegativeNumber } = require('./values');

/** @typedef {import('./types').SandboxConfig} SandboxConfig */
/** @typedef {import('./types').SandboxOptions} SandboxOptions */

/** @returns {SandboxConfig} */
function defaults() {
	return {
		rateLimit: { limit: 60, windowMs: 60000, fractionalSeconds: false },
		executionDelayMs: 3000,
		webhookManagement: 'full',
		deliveryRetries: 2,
		deliveryRetryDelayMs: 500,
		deliveryTimeoutMs: 10000,
		listOrder: 'newest',
		listSeed: 1,
	};
}

const PLAIN_KEYS = /** @type {const} */ ([
	'executionDelayMs',
	'webhookManagement',
	'deliveryRetries',
	'deliveryRetryDelayMs',
	'deliveryTimeoutMs',
	'listOrder',
	'listSeed',
]);

/**
 * The config a sandbox starts with (and a reset returns to).
 * @param {SandboxOptions} options
 * @returns {SandboxConfig}
 */
function configFromOptions(options) {
	const rl = options.rateLimit || {};
	/** @type {Record<string, unknown>} */
	const patch = {};
	if (rl.limit !== undefined || rl.windowMs !== undefined || rl.fractionalSeconds !== undefined)
		patch.rateLimit = rl;
	for (const k of PLAIN_KEYS) {
		if (options[k] !== undefined) patch[k] = options[k];
	}
	return applyConfig(defaults(), patch);
}

/**
 * @param {SandboxConfig['rateLimit']} next changed in place
 * @param {unknown} v
 */
function applyRateLimit(next, v) {
	if (!isPlainObject(v)) throw invalid('rateLimit must be an object { limit, windowMs }');
	for (const rk of Object.keys(v)) {
		if (rk !== 'limit' && rk !== 'windowMs' && rk !== 'fractionalSeconds')
			throw invalid(`unknown rateLimit key "${rk}"`);
	}
	if (v.limit !== undefined) {
		if (!isNonNegativeInteger(v.limit)) throw invalid('rateLimit.limit must be an integer >= 0');
		next.limit = v.limit;
	}
	if (v.windowMs !== undefined) {
		if (!isNonNegativeInteger(v.windowMs) || v.windowMs < 1)
			throw invalid('rateLimit.windowMs must be an integer >= 1');
		next.windowMs = v.windowMs;
	}
	if (v.fractionalSeconds !== undefined) {
		if (typeof v.fractionalSeconds !== 'boolean')
			throw invalid('rateLimit.fractionalSeconds must be a boolean');
		next.fractionalSeconds = v.fractionalSeconds;
	}
}

/**
 * Validates `patch` and returns `current` with it applied (throws SandboxError 400).
 * @param {SandboxConfig} current
 * @param {unknown} patch
 * @returns {SandboxConfig}
 */
function applyConfig(current, patch) {
	if (patch === undefined || patch === null) return clone(current);
	if (!isPlainObject(patch)) throw invalid('config must be a JSON object');
	const next = clone(current);
	for (const [k, v] of Object.entries(patch)) {
		switch (k) {
			case 'rateLimit':
				applyRateLimit(next.rateLimit, v);
				break;
			case 'executionDelayMs':
			case 'deliveryRetryDelayMs':
				if (!isNonNegativeNumber(v)) throw invalid(`${k} must be a number >= 0`);
				next[k] = v;
				break;
			case 'deliveryTimeoutMs':
				if (!isNonNegativeNumber(v) || v === 0) throw invalid(`${k} must be a number > 0`);
				next[k] = v;
				break;
			case 'deliveryRetries':
				if (!isNonNegativeInteger(v)) throw invalid('deliveryRetries must be an integer >= 0');
				next.deliveryRetries = v;
				break;
			case 'webhookManagement': {
				const s = String(v);
				if (s !== 'full' && s !== '404' && s !== '405')
					throw invalid("webhookManagement must be 'full', '404' or '405'");
				next.webhookManagement = s;
				break;
			}
			case 'listOrder':
				if (v !== 'newest' && v !== 'shuffled')
					throw invalid("listOrder must be 'newest' or 'shuffled'");
				next.listOrder = v;
				break;
			case 'listSeed':
				if (!isNonNegativeInteger(v)) throw invalid('listSeed must be an integer >= 0');
				next.listSeed = v;
				break;
			case 'port':
			case 'host':
			case 'now':
				// start-up options: accepted (so the options object of startSandbox can be passed) and ignored
				break;
			default:
				throw invalid(`unknown config key "${k}"`);
		}
	}
	return next;
}

module.exports = { configFromOptions, applyConfig };
