// @ts-check
'use strict';

/** Workflows: what the API shows of them, and setWorkflow (create or patch, incl. internal fields). */

const { invalid } = require('./errors');
const { iso, isPlainObject, isNonNegativeNumber } = require('./values');

/** @typedef {import('./seed').SandboxWorkflow} SandboxWorkflow */
/** @typedef {import('./types').InternalWorkflow} InternalWorkflow */

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

module.exports = { WORKFLOW_STATUSES, publicWorkflow, setWorkflow };
