// @ts-check
'use strict';

/**
 * What the polling trigger's tests need from Benchwork's execution list: runs with chosen
 * timestamps (finished ones, or running ones finished later at a chosen finishedAt), and list
 * answers in a shuffled order (the API documents none). Settings last until the next reset.
 */

const { SandboxError, invalid } = require('./errors');
const { addExecution } = require('./state');
const { clone, newId, isPlainObject } = require('./values');

/** @typedef {import('./state').Context} Context */
/** @typedef {import('./seed').Execution} Execution */

/**
 * @typedef {object} RunSpec
 * @property {string} [id] default a fresh exe_… id
 * @property {string} workflowId
 * @property {'running' | 'success' | 'failed'} status
 * @property {string} startedAt ISO 8601
 * @property {string | null} [finishedAt] ISO 8601; required unless running
 */

/** Shuffling is on for one sandbox generation (a reset turns it off). @type {WeakMap<Context, number>} */
const shuffledGeneration = new WeakMap();

/** @param {unknown} value @param {string} field */
function isoField(value, field) {
	if (typeof value !== 'string' || !Number.isFinite(Date.parse(value)))
		throw invalid(`${field} must be an ISO 8601 date`);
	return value;
}

/**
 * @param {Context} ctx
 * @param {RunSpec} spec
 * @returns {Execution}
 */
function addRun(ctx, spec) {
	if (!isPlainObject(spec)) throw invalid('run must be an object');
	const status = spec.status;
	if (status !== 'running' && status !== 'success' && status !== 'failed')
		throw invalid("status must be 'running', 'success' or 'failed'");
	if (typeof spec.workflowId !== 'string' || spec.workflowId === '')
		throw invalid('workflowId is required');
	const wf = ctx.workflows.get(spec.workflowId);
	const id = spec.id ?? newId('exe');
	if (ctx.executions.has(id)) throw new SandboxError(409, 'conflict', `Execution ${id} exists`);
	const finishedAt = status === 'running' ? null : isoField(spec.finishedAt, 'finishedAt');
	const startedAt = isoField(spec.startedAt, 'startedAt');
	/** @type {Execution} */
	const exe = {
		id,
		workflowId: spec.workflowId,
		workflowName: wf ? wf.name : spec.workflowId,
		status,
		trigger: 'api',
		payload: {},
		startedAt,
		finishedAt,
		durationMs:
			finishedAt === null ? null : Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt)),
		error: status === 'failed' ? { message: 'failed on purpose', step: 'Run' } : null,
		nodeResults: [],
	};
	addExecution(ctx, exe);
	return clone(exe);
}

/**
 * Finishes a running run at the given finishedAt, without deliveries.
 * @param {Context} ctx
 * @param {string} id
 * @param {{ status: 'success' | 'failed', finishedAt: string }} opts
 * @returns {Execution}
 */
function finishRunAt(ctx, id, opts) {
	const exe = ctx.executions.get(id);
	if (!exe) throw new SandboxError(404, 'not_found', `Execution ${id} not found`);
	if (exe.status !== 'running')
		throw new SandboxError(409, 'conflict', `Execution ${id} already finished (${exe.status})`);
	if (opts.status !== 'success' && opts.status !== 'failed')
		throw invalid("status must be 'success' or 'failed'");
	exe.finishedAt = isoField(opts.finishedAt, 'finishedAt');
	exe.status = opts.status;
	exe.durationMs = Math.max(0, Date.parse(exe.finishedAt) - Date.parse(exe.startedAt));
	exe.error = opts.status === 'failed' ? { message: 'failed on purpose', step: 'Run' } : null;
	return clone(exe);
}

/**
 * The order GET /executions answers in: as given, or shuffled while shuffling is on.
 * @template T
 * @param {Context} ctx
 * @param {T[]} list
 * @returns {T[]}
 */
function listOrder(ctx, list) {
	if (shuffledGeneration.get(ctx) !== ctx.generation) return list;
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(Math.random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/** @param {Context} ctx */
function finishedRunsControl(ctx) {
	return {
		/** @param {RunSpec} spec */
		addRun: (spec) => addRun(ctx, spec),
		/** @param {string} id @param {{ status: 'success' | 'failed', finishedAt: string }} opts */
		finishRunAt: (id, opts) => finishRunAt(ctx, id, opts),
		/** GET /executions answers in a random order until the next reset. */
		shuffleExecutionLists() {
			shuffledGeneration.set(ctx, ctx.generation);
		},
	};
}

module.exports = { finishedRunsControl, listOrder };
