// @ts-check
'use strict';

/** The JSON body of a control request; the control methods validate what is in it. */

const { SandboxError } = require('./errors');
const { parseJsonBody } = require('./values');

/**
 * @param {import('./types').RequestBody} body
 * @returns {any} the parsed JSON (undefined when empty)
 */
function controlJson(body) {
	if (body.tooLarge) throw new SandboxError(413, 'payload_too_large', 'body too large');
	const parsed = parseJsonBody(body.buf);
	if (!parsed.ok) throw new SandboxError(400, 'invalid_request', 'body must be valid JSON');
	return parsed.value;
}

/**
 * @param {import('./types').RequestBody} body
 * @returns {any} the parsed JSON, `{}` when empty
 */
function controlObject(body) {
	const value = controlJson(body);
	return value === undefined ? {} : value;
}

module.exports = { controlJson, controlObject };
