// @ts-check
'use strict';

/** Faults: validated specs, picking the one a request meets, and the answer it gives. */

const { invalid } = require('./errors');
const { LEAK_FORMS } = require('./hostile');
const { codeForStatus } = require('./replies');
const {
	clone,
	newId,
	isPlainObject,
	isNonNegativeInteger,
	isNonNegativeNumber,
} = require('./values');

/** @typedef {import('./types').Fault} Fault */
/** @typedef {import('./types').ArmedFault} ArmedFault */
/** @typedef {import('./types').Reply} Reply */

const ALLOWED = [
	'method',
	'path',
	'times',
	'status',
	'body',
	'contentType',
	'headers',
	'delayMs',
	'drop',
	'afterHandling',
	'echoHeaders',
	'leakKey',
];

/**
 * Validates a fault spec (throws SandboxError 400).
 * @param {unknown} spec
 * @returns {Fault}
 */
function makeFault(spec) {
	if (spec === undefined) spec = {};
	if (!isPlainObject(spec)) throw invalid('fault must be a JSON object');
	for (const k of Object.keys(spec)) {
		if (!ALLOWED.includes(k)) throw invalid(`unknown fault key "${k}"`);
	}
	/** @type {Fault} */
	const f = { faultId: newId('flt'), times: 1 };
	if (spec.method !== undefined) {
		if (typeof spec.method !== 'string' || !spec.method)
			throw invalid('fault.method must be a non-empty string');
		f.method = spec.method.toUpperCase();
	}
	if (spec.path !== undefined) {
		if (typeof spec.path !== 'string') throw invalid('fault.path must be a string');
		f.path = spec.path;
	}
	if (spec.times !== undefined) {
		if (!isNonNegativeInteger(spec.times))
			throw invalid('fault.times must be an integer >= 0 (0 = forever)');
		f.times = spec.times;
	}
	if (spec.status !== undefined) {
		if (
			typeof spec.status !== 'number' ||
			!Number.isInteger(spec.status) ||
			spec.status < 200 ||
			spec.status > 599
		) {
			throw invalid('fault.status must be an integer between 200 and 599');
		}
		f.status = spec.status;
	}
	if (spec.body !== undefined) f.body = clone(spec.body);
	if (spec.contentType !== undefined) {
		if (typeof spec.contentType !== 'string') throw invalid('fault.contentType must be a string');
		f.contentType = spec.contentType;
	}
	if (spec.headers !== undefined) {
		const h = spec.headers;
		if (
			!isPlainObject(h) ||
			!Object.values(h).every((x) => x === null || typeof x === 'string' || typeof x === 'number')
		) {
			throw invalid('fault.headers must be an object of string, number or null values');
		}
		f.headers = /** @type {Record<string, string | number | null>} */ ({ ...h });
	}
	if (spec.delayMs !== undefined) {
		if (!isNonNegativeNumber(spec.delayMs)) throw invalid('fault.delayMs must be a number >= 0');
		f.delayMs = spec.delayMs;
	}
	if (spec.leakKey !== undefined) {
		if (typeof spec.leakKey !== 'string' || !LEAK_FORMS.includes(spec.leakKey))
			throw invalid(`fault.leakKey must be one of: ${LEAK_FORMS.join(', ')}`);
		f.leakKey = /** @type {'verbatim' | 'case' | 'split'} */ (spec.leakKey);
	}
	for (const k of /** @type {const} */ (['drop', 'afterHandling', 'echoHeaders'])) {
		if (spec[k] !== undefined) {
			if (typeof spec[k] !== 'boolean') throw invalid(`fault.${k} must be a boolean`);
			f[k] = /** @type {boolean} */ (spec[k]);
		}
	}
	if (
		(f.echoHeaders || f.leakKey !== undefined) &&
		(f.status !== undefined ||
			f.body !== undefined ||
			f.contentType !== undefined ||
			f.drop ||
			f.afterHandling)
	)
		throw invalid(
			'fault.echoHeaders and fault.leakKey rewrite the real answer: not with status, body, contentType, drop or afterHandling',
		);
	return f;
}

/**
 * The first armed fault matching this request; its use is counted (and it is disarmed when spent).
 * @param {ArmedFault[]} faults
 * @param {string} method
 * @param {string} url raw URL incl. query
 * @returns {Fault | null}
 */
function takeFault(faults, method, url) {
	for (let i = 0; i < faults.length; i++) {
		const f = faults[i];
		if (f.method !== undefined && f.method !== method) continue;
		if (f.path !== undefined && !url.includes(f.path)) continue;
		if (f.times !== 0) {
			f.remaining--;
			if (f.remaining <= 0) faults.splice(i, 1);
		}
		return f;
	}
	return null;
}

/**
 * True when the fault only slows the request down: the real endpoint answers after the pause.
 * @param {Fault} f
 */
function isPureDelay(f) {
	const answers =
		!!f.echoHeaders ||
		f.leakKey !== undefined ||
		f.status !== undefined ||
		f.body !== undefined ||
		f.contentType !== undefined ||
		!!f.afterHandling;
	return !f.drop && !answers && !!f.delayMs;
}

/**
 * @param {Fault} f
 * @returns {Reply}
 */
function faultReply(f) {
	const status = f.status === undefined ? 500 : f.status;
	if (f.body === undefined) {
		return {
			status,
			json: { error: { code: codeForStatus(status), message: `Sandbox fault (HTTP ${status})` } },
			contentType: f.contentType,
		};
	}
	if (typeof f.body === 'string') {
		return {
			status,
			raw: f.body,
			contentType: f.contentType === undefined ? 'text/plain; charset=utf-8' : f.contentType,
		};
	}
	return { status, json: f.body, contentType: f.contentType };
}

module.exports = { makeFault, takeFault, isPureDelay, faultReply };
