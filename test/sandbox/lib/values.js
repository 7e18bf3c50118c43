// @ts-check
'use strict';

/** Small value helpers the sandbox modules share: checks, copies, ids, JSON bodies. */

const crypto = require('crypto');

/**
 * @param {unknown} v
 * @returns {v is Record<string, unknown>}
 */
function isPlainObject(v) {
	if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
	const proto = Object.getPrototypeOf(v);
	return proto === Object.prototype || proto === null;
}

/**
 * A deep copy through JSON, so callers never hold the sandbox's own objects.
 * @template T
 * @param {T} v
 * @returns {T}
 */
function clone(v) {
	return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

/**
 * @param {string} prefix
 * @returns {string} e.g. exe_1f2e3d4c5b6a7988
 */
function newId(prefix) {
	return `${prefix}_${crypto.randomBytes(8).toString('hex')}`;
}

/** @param {number} ms */
function iso(ms) {
	return new Date(ms).toISOString();
}

/**
 * @param {Record<string, number>} counters
 * @param {string} key
 */
function increment(counters, key) {
	counters[key] = (counters[key] || 0) + 1;
}

/**
 * @param {unknown} v
 * @returns {v is number}
 */
function isNonNegativeNumber(v) {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/**
 * @param {unknown} v
 * @returns {v is number}
 */
function isNonNegativeInteger(v) {
	return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/**
 * Parses a JSON body: empty -> undefined.
 * @param {Buffer} buf
 * @returns {{ ok: true, value: unknown } | { ok: false }}
 */
function parseJsonBody(buf) {
	const text = buf.toString('utf8');
	if (text.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

module.exports = {
	isPlainObject,
	clone,
	newId,
	iso,
	increment,
	isNonNegativeNumber,
	isNonNegativeInteger,
	parseJsonBody,
};
