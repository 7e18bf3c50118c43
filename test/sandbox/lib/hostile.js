// @ts-check
'use strict';

/**
 * Hostile answers, for redaction tests: faults that let the real endpoint answer and then rewrite
 * its body. `echoHeaders` copies the request's headers (Authorization included) into a 2xx body;
 * `leakKey` puts the caller's API key into every error message of the answer (a failed
 * execution's `error.message`, or the `{ error: { message } }` of an error answer).
 */

const { isPlainObject } = require('./values');

/** @typedef {import('./types').Fault} Fault */
/** @typedef {import('./types').Reply} Reply */

const LEAK_FORMS = ['verbatim', 'case', 'split'];

/** U+200B ZERO WIDTH SPACE: invisible, but breaks a plain substring search for the key. */
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * The key as a hostile server might repeat it.
 * @param {string} key
 * @param {string} form 'verbatim' | 'case' (every letter's case swapped) | 'split' (U+200B in the middle)
 */
function leakedKey(key, form) {
	if (form === 'case')
		return [...key]
			.map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()))
			.join('');
	if (form === 'split') {
		const half = Math.floor(key.length / 2);
		return `${key.slice(0, half)}${ZERO_WIDTH_SPACE}${key.slice(half)}`;
	}
	return key;
}

/** @param {Fault} f true when the fault rewrites the real endpoint's answer */
function isRewrite(f) {
	return !!f.echoHeaders || f.leakKey !== undefined;
}

/**
 * @param {unknown} json
 * @param {(item: Record<string, unknown>) => void} visit called for the body and each object in
 *   its top-level arrays (the items of a list answer)
 */
function eachObject(json, visit) {
	if (!isPlainObject(json)) return;
	visit(json);
	for (const v of Object.values(json)) {
		if (Array.isArray(v)) v.forEach((item) => isPlainObject(item) && visit(item));
	}
}

/**
 * @param {Reply} reply the real endpoint's answer (changed in place)
 * @param {Fault} fault
 * @param {{ headers: import('http').IncomingHttpHeaders, key: string }} request
 * @returns {Reply}
 */
function rewriteReply(reply, fault, request) {
	if (fault.echoHeaders && reply.status >= 200 && reply.status < 300) {
		eachObject(reply.json, (o) => {
			o.requestHeaders = { ...request.headers };
		});
	}
	if (fault.leakKey !== undefined) {
		const leak = `(rejected token ${leakedKey(request.key, fault.leakKey)})`;
		eachObject(reply.json, (o) => {
			const error = o.error;
			if (isPlainObject(error) && typeof error.message === 'string')
				error.message = `${error.message} ${leak}`;
		});
	}
	return reply;
}

module.exports = { LEAK_FORMS, ZERO_WIDTH_SPACE, leakedKey, isRewrite, rewriteReply };
