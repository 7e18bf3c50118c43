// @ts-check
'use strict';

/**
 * The control API over HTTP, under /_sandbox (no auth; JSON in and out): the routes of
 * CONTROL_ROUTES (routes.js), which mirror the Sandbox methods for the e2e suite (it runs the
 * sandbox as its own process).
 */

const { SandboxError } = require('./errors');
const { errorReply, send } = require('./replies');
const { findRoute, segmentsOf } = require('./router');
const { CONTROL_PREFIX, CONTROL_ROUTES } = require('./routes');

/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./types').RequestBody} RequestBody */

/**
 * Answers a control request; SandboxErrors become their status, anything else a 500.
 * @param {import('./state').Context} ctx
 * @param {import('./types').Sandbox} sandbox
 * @param {import('http').ServerResponse} res
 * @param {string} method
 * @param {string} rest path after /_sandbox
 * @param {RequestBody} body
 */
async function handleControl(ctx, sandbox, res, method, rest, body) {
	/** @type {Reply} */
	let reply;
	try {
		const seg = segmentsOf(rest);
		if (!seg)
			throw new SandboxError(400, 'invalid_request', 'path contains invalid percent-encoding');
		const found = findRoute(CONTROL_ROUTES, method, seg);
		if (!found.route)
			throw new SandboxError(
				404,
				'not_found',
				`No such control endpoint: ${method} ${CONTROL_PREFIX}${rest}`,
			);
		reply = await found.route.handler({ ctx, sandbox, params: found.params, body });
	} catch (e) {
		reply =
			e instanceof SandboxError
				? errorReply(e.status, e.code, e.message)
				: errorReply(500, 'internal_error', e instanceof Error ? e.message : String(e));
	}
	send(res, reply);
}

module.exports = { handleControl };
