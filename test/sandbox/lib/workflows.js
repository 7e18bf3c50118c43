// @ts-check
'use strict';

/**
 * Workflows: their API endpoints (list, get, trigger), what the API shows of them, and setWorkflow
 * (create or patch, incl. internal fields).
 */

const { invalid } = require('./errors');
const { startExecution } = require('./executions');
const { parseListQuery } = require('./listQuery');
const { listOrdered } = require('./listOrder');
const { badRequest, errorReply } = require('./replies');
const { iso, isPlainObject, isNonNegativeNumber, parseJsonBody } = require('./values');

/** @typedef {import('./seed').SandboxWorkflow} SandboxWorkflow */
/** @typedef {import('./types').InternalWorkflow} InternalWorkflow */
/** @typedef {import('./state').Context} Context */
/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./types').ApiRequest} ApiRequest */

const WORKFLOW_STATUSES = ['active', 'paused', 'draft'];

/** @param {SandboxWorkflow} w */
function publicWorkflow(w) {
	return {
		id: w.id,
		name: w.name,
		status: w.status,
		storeId: w.storeId,
		description: w.description,
		createdAt: w.createdAt,
		updatedAt: w.updatedAt,
	};
}

/**
 * @param {SandboxWorkflow} w
 * @returns {InternalWorkflow}
 */
function internalWorkflow(w) {
	return {
		...publicWorkflow(w),
		outcome: w.outcome,
		durationMs: w.durationMs === undefined ? 'default' : w.durationMs,
		steps: [...w.steps],
		failure: w.failure ? { ...w.failure } : null,
	};
}

/**
 * Validates a patch (throws SandboxError 400) into the fields to store.
 * @param {string} id
 * @param {Record<string, unknown>} patch
 * @returns {Partial<SandboxWorkflow>}
 */
function cleanPatch(id, patch) {
	/** @type {Partial<SandboxWorkflow>} */
	const clean = {};
	for (const [k, v] of Object.entries(patch)) {
		switch (k) {
			case 'id':
				if (v !== id) throw invalid('id cannot be changed');
				break;
			case 'name':
			case 'storeId':
			case 'description':
			case 'createdAt':
			case 'updatedAt':
				if (typeof v !== 'string') throw invalid(`${k} must be a string`);
				clean[k] = v;
				break;
			case 'status':
				if (typeof v !== 'string' || !WORKFLOW_STATUSES.includes(v))
					throw invalid(`status must be one of: ${WORKFLOW_STATUSES.join(', ')}`);
				clean.status = /** @type {SandboxWorkflow['status']} */ (v);
				break;
			case 'outcome':
				if (v !== 'success' && v !== 'failed')
					throw invalid("outcome must be 'success' or 'failed'");
				clean.outcome = v;
				break;
			case 'durationMs':
				if (v === 'default' || v === undefined) clean.durationMs = undefined;
				else if (v === null || isNonNegativeNumber(v)) clean.durationMs = v;
				else
					throw invalid(
						"durationMs must be a number >= 0, null (until finished by control) or 'default'",
					);
				break;
			case 'steps':
				if (
					!Array.isArray(v) ||
					v.length === 0 ||
					!v.every((s) => typeof s === 'string' && s !== '')
				) {
					throw invalid('steps must be a non-empty array of strings');
				}
				clean.steps = [...v];
				break;
			case 'failure':
				if (v === null) clean.failure = undefined;
				else if (isPlainObject(v) && typeof v.step === 'string' && typeof v.message === 'string')
					clean.failure = { step: v.step, message: v.message };
				else throw invalid('failure must be { step, message } or null');
				break;
			default:
				throw invalid(`unknown workflow field "${k}"`);
		}
	}
	return clean;
}

/**
 * Creates (defaults: name = id, active, store_eu, outcome success, default duration, steps
 * Start/Process/Finish) or patches a workflow.
 * @param {import('./state').Context} ctx
 * @param {unknown} id
 * @param {unknown} patch
 * @returns {InternalWorkflow}
 */
function setWorkflow(ctx, id, patch) {
	if (typeof id !== 'string' || id === '') throw invalid('workflow id must be a non-empty string');
	if (!isPlainObject(patch)) throw invalid('patch must be a JSON object');
	const clean = cleanPatch(id, patch);
	const t = iso(ctx.now());
	const existing = ctx.workflows.get(id);
	if (existing) {
		Object.assign(existing, clean);
		if (clean.updatedAt === undefined) existing.updatedAt = t;
		return internalWorkflow(existing);
	}
	/** @type {SandboxWorkflow} */
	const wf = {
		id,
		name: id,
		status: 'active',
		storeId: 'store_eu',
		description: '',
		createdAt: t,
		updatedAt: t,
		outcome: 'success',
		durationMs: undefined,
		steps: ['Start', 'Process', 'Finish'],
		failure: undefined,
		...clean,
	};
	ctx.workflows.set(id, wf);
	return internalWorkflow(wf);
}

/** GET /workflows @param {Context} ctx @param {ApiRequest} req @returns {Reply} */
function listWorkflows(ctx, { query }) {
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
	return { status: 200, json: { workflows: listOrdered(ctx, list) } };
}

/** GET /workflows/:id @param {Context} ctx @param {ApiRequest} req @returns {Reply} */
function getWorkflow(ctx, { params: { id } }) {
	const wf = ctx.workflows.get(id);
	if (!wf) return errorReply(404, 'not_found', `Workflow ${id} not found`);
	return { status: 200, json: publicWorkflow(wf) };
}

/** POST /workflows/:id/trigger @param {Context} ctx @param {ApiRequest} req @returns {Reply} */
function triggerWorkflow(ctx, { params: { id }, body: requestBody }) {
	const parsed = parseJsonBody(requestBody.buf);
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

module.exports = {
	WORKFLOW_STATUSES,
	publicWorkflow,
	setWorkflow,
	listWorkflows,
	getWorkflow,
	triggerWorkflow,
};
