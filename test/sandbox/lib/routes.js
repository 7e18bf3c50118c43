// @ts-check
'use strict';

/** The /api/v1 endpoints for workflows and executions, and the route table of the API. */

const { startExecution } = require('./executions');
const { MAX_BODY_BYTES } = require('./requestBody');
const { badRequest, errorReply } = require('./replies');
const { executionsNewestFirst } = require('./state');
const { listOrder } = require('./finishedRuns');
const { clone, isPlainObject, parseJsonBody } = require('./values');
const { createWebhook, deleteWebhook, listWebhooks } = require('./webhooks');
const { WORKFLOW_STATUSES, publicWorkflow } = require('./workflows');

/** @typedef {import('./state').Context} Context */
/** @typedef {import('./types').Reply} Reply */

const EXECUTION_STATUSES = ['running', 'success', 'failed'];
const API_PREFIX = '/api/v1';

/**
 * Validates a list query: only known parameters, each at most once.
 * @param {URLSearchParams} query
 * @param {Record<string, 'string' | 'limit' | string[]>} spec
 * @returns {{ values: Record<string, string | number>, error?: undefined } | { error: Reply }}
 */
function parseListQuery(query, spec) {
	const names = Object.keys(spec);
	for (const name of new Set(query.keys())) {
		if (!names.includes(name))
			return {
				error: badRequest(`unknown query parameter "${name}" (allowed: ${names.join(', ')})`),
			};
	}
	/** @type {Record<string, string | number>} */
	const values = {};
	for (const name of names) {
		const all = query.getAll(name);
		if (all.length === 0) continue;
		if (all.length > 1) return { error: badRequest(`${name} must be given at most once`) };
		const v = all[0];
		const kind = spec[name];
		if (kind === 'limit') {
			const n = /^[0-9]{1,4}$/.test(v) ? Number(v) : NaN;
			if (!(n >= 1 && n <= 100))
				return { error: badRequest(`${name} must be an integer between 1 and 100`) };
			values[name] = n;
		} else if (kind === 'string') {
			if (v === '') return { error: badRequest(`${name} must be a non-empty string`) };
			values[name] = v;
		} else {
			if (!kind.includes(v))
				return { error: badRequest(`${name} must be one of: ${kind.join(', ')}`) };
			values[name] = v;
		}
	}
	return { values };
}

/** @param {Context} ctx @param {URLSearchParams} query @returns {Reply} */
function listWorkflows(ctx, query) {
	const q = parseListQuery(query, { storeId: 'string', status: WORKFLOW_STATUSES, limit: 'limit' });
	if (q.error) return q.error;
	const { storeId, status } = q.values;
	const limit = /** @type {number} */ (q.values.limit || 20);
	const list = [...ctx.workflows.values()]
		.filter(
			(w) =>
				(storeId === undefined || w.storeId === storeId) &&
				(status === undefined || w.status === status),
		)
		.slice(0, limit)
		.map(publicWorkflow);
	return { status: 200, json: { workflows: list } };
}

/** @param {Context} ctx @param {string} id @returns {Reply} */
function getWorkflow(ctx, id) {
	const wf = ctx.workflows.get(id);
	if (!wf) return errorReply(404, 'not_found', `Workflow ${id} not found`);
	return { status: 200, json: publicWorkflow(wf) };
}

/** @param {Context} ctx @param {string} id @param {Buffer} buf @returns {Reply} */
function triggerWorkflow(ctx, id, buf) {
	const parsed = parseJsonBody(buf);
	if (!parsed.ok) return badRequest('body must be valid JSON');
	const body = parsed.value === undefined ? {} : parsed.value;
	if (!isPlainObject(body))
		return badRequest('body must be a JSON object, e.g. { "payload": { ... } }');
	const payload = body.payload === undefined ? {} : body.payload;
	if (!isPlainObject(payload)) return badRequest('payload must be a JSON object');
	const wf = ctx.workflows.get(id);
	if (!wf) return errorReply(404, 'not_found', `Workflow ${id} not found`);
	if (wf.status !== 'active') {
		return errorReply(
			400,
			'workflow_not_active',
			`Workflow ${id} is ${wf.status}; only active workflows can be triggered`,
		);
	}
	const exe = startExecution(ctx, wf, payload);
	return { status: 201, json: { executionId: exe.id } };
}

/** @param {Context} ctx @param {URLSearchParams} query @returns {Reply} */
function listExecutions(ctx, query) {
	const q = parseListQuery(query, {
		workflowId: 'string',
		status: EXECUTION_STATUSES,
		limit: 'limit',
	});
	if (q.error) return q.error;
	const { workflowId, status } = q.values;
	const limit = /** @type {number} */ (q.values.limit || 20);
	const newest = executionsNewestFirst(ctx)
		.filter(
			(e) =>
				(workflowId === undefined || e.workflowId === workflowId) &&
				(status === undefined || e.status === status),
		)
		.slice(0, limit);
	const list = listOrder(ctx, newest).map(clone);
	return { status: 200, json: { executions: list } };
}

/** @param {Context} ctx @param {string} id @returns {Reply} */
function getExecution(ctx, id) {
	const exe = ctx.executions.get(id);
	if (!exe) return errorReply(404, 'not_found', `Execution ${id} not found`);
	return { status: 200, json: clone(exe) };
}

/**
 * @param {string} allow
 * @param {string} method
 * @returns {Reply}
 */
function methodNotAllowed(allow, method) {
	return errorReply(
		405,
		'method_not_allowed',
		`${method} is not allowed here (allowed: ${allow})`,
		{ Allow: allow },
	);
}

/**
 * Routes an authenticated, admitted API request.
 * @param {Context} ctx
 * @param {string} method
 * @param {string[]} seg decoded path segments after /api/v1
 * @param {URLSearchParams} query
 * @param {import('./types').RequestBody} body
 * @returns {Reply}
 */
function route(ctx, method, seg, query, body) {
	if (body.tooLarge)
		return errorReply(413, 'payload_too_large', `body must be at most ${MAX_BODY_BYTES} bytes`);
	const [a, b, c] = seg;
	if (seg.length === 1 && a === 'workflows')
		return method === 'GET' ? listWorkflows(ctx, query) : methodNotAllowed('GET', method);
	if (seg.length === 2 && a === 'workflows')
		return method === 'GET' ? getWorkflow(ctx, b) : methodNotAllowed('GET', method);
	if (seg.length === 3 && a === 'workflows' && c === 'trigger') {
		return method === 'POST' ? triggerWorkflow(ctx, b, body.buf) : methodNotAllowed('POST', method);
	}
	if (seg.length === 1 && a === 'executions')
		return method === 'GET' ? listExecutions(ctx, query) : methodNotAllowed('GET', method);
	if (seg.length === 2 && a === 'executions')
		return method === 'GET' ? getExecution(ctx, b) : methodNotAllowed('GET', method);
	if (seg.length === 1 && a === 'webhooks') {
		if (method === 'POST') return createWebhook(ctx, body.buf);
		if (method === 'GET') return listWebhooks(ctx);
		return methodNotAllowed(ctx.config.webhookManagement === 'full' ? 'GET, POST' : 'POST', method);
	}
	if (seg.length === 2 && a === 'webhooks')
		return method === 'DELETE' ? deleteWebhook(ctx, b) : methodNotAllowed('DELETE', method);
	return errorReply(
		404,
		'not_found',
		`No such endpoint: ${method} ${API_PREFIX}/${seg.map(encodeURIComponent).join('/')}`,
	);
}

module.exports = { API_PREFIX, route };
