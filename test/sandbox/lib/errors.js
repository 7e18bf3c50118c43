// @ts-check
'use strict';

/** An error of the control API (JS methods throw it; HTTP answers its status). */
class SandboxError extends Error {
	/**
	 * @param {number} status
	 * @param {string} code
	 * @param {string} message
	 */
	constructor(status, code, message) {
		super(message);
		this.name = 'SandboxError';
		this.status = status;
		this.code = code;
	}
}

/**
 * A 400 `invalid_request` of the control API.
 * @param {string} message
 */
function invalid(message) {
	return new SandboxError(400, 'invalid_request', message);
}

module.exports = { SandboxError, invalid };
