// @ts-check
'use strict';

/** Executions: starting one on a trigger, finishing it (on its timer or by control), delivering it. */

const { buildNodeResults, failureOf } = require('./seed');
const { deliverToHooks } = require('./deliveries');
const { invalid, SandboxError } = require('./errors');
const { addExecution } = require('./state');
const { clone, increment, iso, newId, isPlainObject } = require('./values');

/** @typedef {import('./state').Context} Context */
/** @typedef {import('./seed').SandboxWorkflow} SandboxWorkflow */
/** @typedef {import('./seed').Execution} Execution */
/** @typedef {{ message: string, step: string }} RunError */

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
 * @returns {Promise<void>}
 */
function completeExecution(ctx, exe, status, error) {
	if (exe.status !== 'running') return Promise.resolve();
	const timer = ctx.runTimers.get(exe.id);
	if (timer) {
		clearTimeout(timer);
		ctx.runTimers.delete(exe.id);
	}
	const wf = ctx.workflows.get(exe.workflowId) || { steps: ['Run'], failure: undefined };
	const end = ctx.now();
	exe.status = status;
	exe.finishedAt = iso(end);
	exe.durationMs = Math.max(0, end - Date.parse(exe.startedAt));
	exe.error = status === 'failed' ? error || failureOf(wf) : null;
	exe.nodeResults = buildNodeResults(wf, exe.id, status, exe.error);
	const event = status === 'success' ? 'execution.completed' : 'execution.failed';
	return deliverToHooks(ctx, event, clone(exe));
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
	if (status === 'failed' && opts.error !== undefined && opts.error !== null) {
		const fallback = failureOf(wf || { steps: ['Run'], failure: undefined });
		if (typeof opts.error === 'string') error = { message: opts.error, step: fallback.step };
		else if (isPlainObject(opts.error) && typeof opts.error.message === 'string') {
			error = {
				message: opts.error.message,
				step: typeof opts.error.step === 'string' ? opts.error.step : fallback.step,
			};
		} else throw invalid('error must be a string or { message, step? }');
	}
	await completeExecution(ctx, exe, status, error);
	return clone(exe);
}

module.exports = { startExecution, finishExecution };
