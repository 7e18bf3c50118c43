// @ts-check
'use strict';

/**
 * The control API over HTTP, under /_sandbox (no auth; JSON in and out): mirrors the Sandbox
 * methods for the e2e suite, which runs the sandbox as its own process.
 */

const { SandboxError } = require('./errors');
const { errorReply, send } = require('./replies');
const { parseJsonBody } = require('./values');

/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./types').RequestBody} RequestBody */

const CONTROL_PREFIX = '/_sandbox';

/**
 * @param {RequestBody} body
 * @returns {any} the parsed JSON (undefined when empty); the control methods validate it
 */
function controlJson(body) {
	if (body.tooLarge) throw new SandboxError(413, 'payload_too_large', 'body too large');
	const parsed = parseJsonBody(body.buf);
	if (!parsed.ok) throw new SandboxError(400, 'invalid_request', 'body must be valid JSON');
	return parsed.value;
}

/**
 * @param {import('./state').Context} ctx
 * @param {import('./types').Sandbox} sandbox
 * @param {string} method
 * @param {string} rest path after /_sandbox
 * @param {RequestBody} body
 * @returns {Promise<Reply>}
 */
async function control(ctx, sandbox, method, rest, body) {
	/** @type {string[]} */
	let seg;
	try {
		seg = rest
			.split('/')
			.slice(1)
			.map((s) => decodeURIComponent(s));
	} catch {
		throw new SandboxError(400, 'invalid_request', 'path contains invalid percent-encoding');
	}
	const p = seg.join('/');
	const ok = (/** @type {unknown} */ json, status = 200) => ({ status, json });
	if (p === 'reset' && method === 'POST') {
		sandbox.reset();
		return ok({ ok: true });
	}
	if (p === 'config' && method === 'GET') return ok(sandbox.configure());
	if (p === 'config' && (method === 'POST' || method === 'PUT' || method === 'PATCH'))
		return ok(sandbox.configure(controlJson(body)));
	if (p === 'faults' && method === 'POST') return ok(sandbox.addFault(controlJson(body)), 201);
	if (p === 'faults' && method === 'GET') return ok(sandbox.faults());
	if (p === 'faults' && method === 'DELETE') {
		sandbox.clearFaults();
		return { status: 204 };
	}
	if (p === 'stats' && method === 'GET') return ok(sandbox.stats());
	if (seg.length === 2 && seg[0] === 'workflows' && method === 'PUT') {
		const patch = controlJson(body);
		return ok(sandbox.setWorkflow(seg[1], patch === undefined ? {} : patch));
	}
	if (seg.length === 3 && seg[0] === 'executions' && seg[2] === 'finish' && method === 'POST') {
		const opts = controlJson(body);
		return ok(await sandbox.finishExecution(seg[1], opts === undefined ? {} : opts));
	}
	if (p === 'webhooks' && method === 'GET') return ok(sandbox.webhooks());
	if (p === 'deliver' && method === 'POST') return ok(await sandbox.deliver(controlJson(body)));
	if (p === 'deliveries' && method === 'GET') return ok(sandbox.deliveries());
	if (p === 'echo' && method === 'POST') {
		if (body.tooLarge) throw new SandboxError(413, 'payload_too_large', 'body too large');
		const parsed = parseJsonBody(body.buf);
		ctx.echoes.push(
			parsed.ok ? (parsed.value === undefined ? null : parsed.value) : body.buf.toString('utf8'),
		);
		return ok({ ok: true, count: ctx.echoes.length }, 201);
	}
	if (p === 'echo' && method === 'GET') return ok(sandbox.echo());
	if (p === 'echo' && method === 'DELETE') {
		ctx.echoes = [];
		return { status: 204 };
	}
	throw new SandboxError(
		404,
		'not_found',
		`No such control endpoint: ${method} ${CONTROL_PREFIX}${rest}`,
	);
}

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
		reply = await control(ctx, sandbox, method, rest, body);
	} catch (e) {
		reply =
			e instanceof SandboxError
				? errorReply(e.status, e.code, e.message)
				: errorReply(500, 'internal_error', e instanceof Error ? e.message : String(e));
	}
	send(res, reply);
}

module.exports = { CONTROL_PREFIX, handleControl };
