// @ts-check
'use strict';

/**
 * Executions: their API endpoints (list, get), starting one on a trigger, finishing it (on its
 * timer or by control), delivering it.
 */

const { buildNodeResults, failureOf } = require('./seed');
const { deliverToHooks } = require('./deliveries');
const { invalid, SandboxError } = require('./errors');
const { parseListQuery } = require('./listQuery');
const { listOrdered } = require('./listOrder');
const { errorReply } = require('./replies');
const { addExecution, executionsNewestFirst } = require('./state');
const { clone, increment, iso, newId, isPlainObject } = require('./values');

/** @typedef {import('./state').Context} Context */
/** @typedef {import('./seed').SandboxWorkflow} SandboxWorkflow */
/** @typedef {import('./seed').Execution} Execution */
/** @typedef {{ message: string, step: string }} RunError */
/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./types').ApiRequest} ApiRequest */

const EXECUTION_STATUSES = ['running', 'success', 'failed'];

/**
 * Creates a running execution and arms its finish timer: the workflow's durationMs, or
 * executionDelayMs when it has none; null = runs until finished by control.
 * @param {Context} ctx
 * @param {SandboxWorkflow} wf
 * @param {Record<string, unknown>} payload
 * @returns {Execution}
 */
function startExecution(ctx, wf, payload) {
	/** @type {Execution} */
	const exe = {
		id: newId('exe'),
		workflowId: wf.id,
		workflowName: wf.name,
		status: 'running',
		trigger: 'api',
		payload: clone(payload),
		startedAt: iso(ctx.now()),
		finishedAt: null,
		durationMs: null,
		error: null,
		nodeResults: [],
	};
	addExecution(ctx, exe);
	increment(ctx.stats.executionsStarted, wf.id);
	const duration = wf.durationMs === undefined ? ctx.config.executionDelayMs : wf.durationMs;
	if (duration !== null) {
		const timer = setTimeout(() => {
			ctx.runTimers.delete(exe.id);
			const current = ctx.workflows.get(exe.workflowId) || wf;
			void completeExecution(ctx, exe, current.outcome, null);
		}, duration);
		timer.unref();
		ctx.runTimers.set(exe.id, timer);
	}
	return exe;
}

/**
 * Finishes a running execution and sends its deliveries; the promise settles after every
 * delivery attempt (incl. retries).
 * @param {Context} ctx
 * @param {Execution} exe
 * @param {'success' | 'failed'} status
 * @param {RunError | null} error null = the workflow's default failure
 * @param {number} [end] finishedAt in ms (default now)
 * @returns {Promise<void>}
 */
function completeExecution(ctx, exe, status, error, end = ctx.now()) {
	if (exe.status !== 'running') return Promise.resolve();
	const timer = ctx.runTimers.get(exe.id);
	if (timer) {
		clearTimeout(timer);
		ctx.runTimers.delete(exe.id);
	}
	const wf = ctx.workflows.get(exe.workflowId) || { steps: ['Run'], failure: undefined };
	exe.status = status;
	exe.finishedAt = iso(end);
	exe.durationMs = Math.max(0, end - Date.parse(exe.startedAt));
	exe.error = status === 'failed' ? error || failureOf(wf) : null;
	exe.nodeResults = buildNodeResults(wf, exe.id, status, exe.error);
	const event = status === 'success' ? 'execution.completed' : 'execution.failed';
	return deliverToHooks(ctx, event, clone(exe));
}

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {number} ms since epoch
 */
function isoMs(value, name) {
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	if (!Number.isFinite(ms)) throw invalid(`${name} must be an ISO 8601 date-time string`);
	return ms;
}

/**
 * The error a control call asked for: a string is the message; absent = the workflow's failure.
 * @param {SandboxWorkflow | undefined} wf
 * @param {unknown} given
 * @returns {RunError | null} null = the workflow's failure
 */
function runError(wf, given) {
	if (given === undefined || given === null) return null;
	const fallback = failureOf(wf || { steps: ['Run'], failure: undefined });
	if (typeof given === 'string') return { message: given, step: fallback.step };
	if (isPlainObject(given) && typeof given.message === 'string') {
		return {
			message: given.message,
			step: typeof given.step === 'string' ? given.step : fallback.step,
		};
	}
	throw invalid('error must be a string or { message, step? }');
}

const CREATE_KEYS = [
	'id',
	'workflowId',
	'status',
	'startedAt',
	'finishedAt',
	'error',
	'payload',
	'trigger',
];

/**
 * Adds an execution as it stands (control API), without a trigger: a finished one with the given
 * status and times, or a running one that only finishExecution ends. Sends no delivery (finishing
 * a running one later does).
 * @param {Context} ctx
 * @param {unknown} spec see CreateExecutionOptions
 * @returns {Execution}
 */
function createExecution(ctx, spec) {
	if (!isPlainObject(spec))
		throw invalid('execution must be a JSON object { workflowId, status, ... }');
	for (const k of Object.keys(spec)) {
		if (!CREATE_KEYS.includes(k))
			throw invalid(`unknown execution key "${k}" (allowed: ${CREATE_KEYS.join(', ')})`);
	}
	if (typeof spec.workflowId !== 'string' || !spec.workflowId)
		throw invalid('workflowId must be a non-empty string');
	const status = spec.status === undefined ? 'success' : spec.status;
	if (status !== 'running' && status !== 'success' && status !== 'failed')
		throw invalid("status must be 'running', 'success' or 'failed'");
	if (spec.id !== undefined && (typeof spec.id !== 'string' || !spec.id))
		throw invalid('id must be a non-empty string');
	const id = spec.id === undefined ? newId('exe') : /** @type {string} */ (spec.id);
	if (ctx.executions.has(id)) throw new SandboxError(409, 'conflict', `Execution ${id} exists`);
	if (spec.payload !== undefined && !isPlainObject(spec.payload))
		throw invalid('payload must be a JSON object');
	const trigger = spec.trigger === undefined ? 'api' : spec.trigger;
	if (trigger !== 'api' && trigger !== 'schedule' && trigger !== 'webhook')
		throw invalid("trigger must be 'api', 'schedule' or 'webhook'");
	if (status === 'running' && spec.finishedAt !== undefined)
		throw invalid('finishedAt must be absent for a running execution');
	if (status !== 'failed' && spec.error !== undefined)
		throw invalid("error is for status 'failed' only");
	const now = ctx.now();
	const end = spec.finishedAt === undefined ? now : isoMs(spec.finishedAt, 'finishedAt');
	const start =
		spec.startedAt === undefined ? Math.min(now, end) : isoMs(spec.startedAt, 'startedAt');
	const wf = ctx.workflows.get(spec.workflowId);
	/** @type {Execution} */
	const exe = {
		id,
		workflowId: spec.workflowId,
		workflowName: wf ? wf.name : spec.workflowId,
		status: 'running',
		trigger,
		payload: spec.payload === undefined ? {} : clone(spec.payload),
		startedAt: iso(start),
		finishedAt: null,
		durationMs: null,
		error: null,
		nodeResults: [],
	};
	if (status !== 'running') {
		const shape = { steps: wf ? wf.steps : ['Run'], failure: wf ? wf.failure : undefined };
		exe.status = status;
		exe.finishedAt = iso(end);
		exe.durationMs = Math.max(0, end - start);
		exe.error = status === 'failed' ? runError(wf, spec.error) || failureOf(shape) : null;
		exe.nodeResults = buildNodeResults(shape, exe.id, status, exe.error);
	}
	addExecution(ctx, exe);
	return clone(exe);
}

/**
 * Finishes a running execution now (control API) and resolves, after every delivery attempt,
 * with the finished execution. Status defaults to the workflow's outcome; error (for 'failed')
 * to the workflow's failure; a string error is taken as the message.
 * @param {Context} ctx
 * @param {string} id
 * @param {unknown} [opts] see FinishOptions
 * @returns {Promise<Execution>}
 */
async function finishExecution(ctx, id, opts = {}) {
	const exe = ctx.executions.get(id);
	if (!exe) throw new SandboxError(404, 'not_found', `Execution ${id} not found`);
	if (!isPlainObject(opts)) throw invalid('options must be an object { status, error? }');
	if (exe.status !== 'running')
		throw new SandboxError(409, 'conflict', `Execution ${id} already finished (${exe.status})`);
	const wf = ctx.workflows.get(exe.workflowId);
	const status = opts.status === undefined ? (wf ? wf.outcome : 'success') : opts.status;
	if (status !== 'success' && status !== 'failed')
		throw invalid("status must be 'success' or 'failed'");
	/** @type {RunError | null} */
	let error = null;
	if (status === 'failed') error = runError(wf, opts.error);
	const end = opts.finishedAt === undefined ? ctx.now() : isoMs(opts.finishedAt, 'finishedAt');
	await completeExecution(ctx, exe, status, error, end);
	return clone(exe);
}

/** GET /executions @param {Context} ctx @param {ApiRequest} req @returns {Reply} */
function listExecutions(ctx, { query }) {
	const q = parseListQuery(query, {
		workflowId: 'string',
		status: EXECUTION_STATUSES,
		limit: 'limit',
	});
	if (q.error) return q.error;
	const { workflowId, status } = q.values;
	const limit = /** @type {number} */ (q.values.limit || 20);
	const list = executionsNewestFirst(ctx)
		.filter(
			(e) =>
				(workflowId === undefined || e.workflowId === workflowId) &&
				(status === undefined || e.status === status),
		)
		.slice(0, limit)
		.map(clone);
	return { status: 200, json: { executions: listOrdered(ctx, list) } };
}

/** GET /executions/:id @param {Context} ctx @param {ApiRequest} req @returns {Reply} */
function getExecution(ctx, { params: { id } }) {
	const exe = ctx.executions.get(id);
	if (!exe) return errorReply(404, 'not_found', `Execution ${id} not found`);
	return { status: 200, json: clone(exe) };
}

module.exports = {
	startExecution,
	finishExecution,
	createExecution,
	listExecutions,
	getExecution,
};
