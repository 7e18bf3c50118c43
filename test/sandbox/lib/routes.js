// @ts-check
'use strict';

/**
 * Every route of the sandbox, in two tables: the Benchwork API under /api/v1 and the control API
 * under /_sandbox. A new endpoint is one entry here plus its handler in the module of its concept.
 * Paths use `:name` for a segment (percent-decoded once); router.js matches them, a path that
 * matches under another method answers 405 with `Allow`.
 */

const { SandboxError } = require('./errors');
const { listExecutions, getExecution } = require('./executions');
const { controlJson, controlObject } = require('./controlBody');
const { createWebhook, deleteWebhook, listWebhooks } = require('./webhooks');
const { listWorkflows, getWorkflow, triggerWorkflow } = require('./workflows');
const { parseJsonBody } = require('./values');

/** @typedef {import('./state').Context} Context */
/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./types').ApiRequest} ApiRequest */
/** @typedef {import('./types').ControlRequest} ControlRequest */
/** @typedef {(ctx: Context, req: ApiRequest) => Reply} ApiHandler */
/** @typedef {(req: ControlRequest) => Reply | Promise<Reply>} ControlHandler */

const API_PREFIX = '/api/v1';
const CONTROL_PREFIX = '/_sandbox';

/** @param {unknown} json @param {number} [status] @returns {Reply} */
const ok = (json, status = 200) => ({ status, json });

/** @type {import('./router').Route<ApiHandler>[]} */
const API_ROUTES = [
	{ method: 'GET', path: '/workflows', handler: listWorkflows },
	{ method: 'GET', path: '/workflows/:id', handler: getWorkflow },
	{
		method: 'POST',
		path: '/workflows/:id/trigger',
		handler: triggerWorkflow,
		triggerAttempt: true,
	},
	{ method: 'GET', path: '/executions', handler: listExecutions },
	{ method: 'GET', path: '/executions/:id', handler: getExecution },
	{
		method: 'GET',
		path: '/webhooks',
		handler: listWebhooks,
		offered: (ctx) => ctx.config.webhookManagement === 'full',
	},
	{ method: 'POST', path: '/webhooks', handler: createWebhook },
	{ method: 'DELETE', path: '/webhooks/:id', handler: deleteWebhook },
];

/** @type {import('./router').Route<ControlHandler>[]} */
const CONTROL_ROUTES = [
	{
		method: 'POST',
		path: '/reset',
		handler: ({ sandbox }) => {
			sandbox.reset();
			return ok({ ok: true });
		},
	},
	{ method: 'GET', path: '/config', handler: ({ sandbox }) => ok(sandbox.configure()) },
	...['POST', 'PUT', 'PATCH'].map((method) => ({
		method,
		path: '/config',
		/** @type {ControlHandler} */
		handler: ({ sandbox, body }) => ok(sandbox.configure(controlJson(body))),
	})),
	{
		method: 'POST',
		path: '/faults',
		handler: ({ sandbox, body }) => ok(sandbox.addFault(controlJson(body)), 201),
	},
	{ method: 'GET', path: '/faults', handler: ({ sandbox }) => ok(sandbox.faults()) },
	{
		method: 'DELETE',
		path: '/faults',
		handler: ({ sandbox }) => {
			sandbox.clearFaults();
			return { status: 204 };
		},
	},
	{ method: 'GET', path: '/stats', handler: ({ sandbox }) => ok(sandbox.stats()) },
	{
		method: 'PUT',
		path: '/workflows/:id',
		handler: ({ sandbox, params, body }) => ok(sandbox.setWorkflow(params.id, controlObject(body))),
	},
	{
		method: 'POST',
		path: '/executions',
		handler: ({ sandbox, body }) => ok(sandbox.createExecution(controlJson(body)), 201),
	},
	{
		method: 'POST',
		path: '/executions/:id/finish',
		handler: async ({ sandbox, params, body }) =>
			ok(await sandbox.finishExecution(params.id, controlObject(body))),
	},
	{ method: 'GET', path: '/webhooks', handler: ({ sandbox }) => ok(sandbox.webhooks()) },
	{
		method: 'POST',
		path: '/deliver',
		handler: async ({ sandbox, body }) => ok(await sandbox.deliver(controlJson(body))),
	},
	{ method: 'GET', path: '/deliveries', handler: ({ sandbox }) => ok(sandbox.deliveries()) },
	{
		method: 'POST',
		path: '/echo',
		// Stores any body: JSON parsed, anything else as text.
		handler: ({ ctx, body }) => {
			if (body.tooLarge) throw new SandboxError(413, 'payload_too_large', 'body too large');
			const parsed = parseJsonBody(body.buf);
			ctx.echoes.push(
				parsed.ok ? (parsed.value === undefined ? null : parsed.value) : body.buf.toString('utf8'),
			);
			return ok({ ok: true, count: ctx.echoes.length }, 201);
		},
	},
	{ method: 'GET', path: '/echo', handler: ({ sandbox }) => ok(sandbox.echo()) },
	{
		method: 'DELETE',
		path: '/echo',
		handler: ({ ctx }) => {
			ctx.echoes = [];
			return { status: 204 };
		},
	},
];

module.exports = { API_PREFIX, CONTROL_PREFIX, API_ROUTES, CONTROL_ROUTES };
