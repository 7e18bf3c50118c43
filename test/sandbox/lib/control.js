// @ts-check
'use strict';

/** The control API as JS methods of the Sandbox (controlHttp.js mirrors them over HTTP). */

const { applyConfig } = require('./config');
const { deliver } = require('./deliveries');
const { finishExecution } = require('./executions');
const { finishedRunsControl } = require('./finishedRuns');
const { makeFault } = require('./faults');
const { resetState } = require('./state');
const { clone, isPlainObject } = require('./values');
const { setWorkflow } = require('./workflows');

/** @typedef {import('./types').Sandbox} Sandbox */
/** @typedef {Omit<Sandbox, 'server' | 'port' | 'origin' | 'baseUrl' | 'keys' | 'close'>} ControlMethods */

/**
 * Polls `predicate` (may be async) until it returns something truthy; resolves with that.
 * @template T
 * @param {() => T | Promise<T>} predicate
 * @param {number} [timeoutMs] default 5000
 * @param {number} [intervalMs] default 20
 * @returns {Promise<T>}
 */
async function waitFor(predicate, timeoutMs = 5000, intervalMs = 20) {
	const deadline = Date.now() + timeoutMs;
	/** @type {unknown} */
	let lastError;
	for (;;) {
		try {
			const v = await predicate();
			if (v) return v;
			lastError = undefined;
		} catch (e) {
			lastError = e;
		}
		if (Date.now() >= deadline) {
			const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
			throw new Error(`waitFor: condition not met within ${timeoutMs} ms${why}`);
		}
		await new Promise((r) =>
			setTimeout(r, Math.min(intervalMs, Math.max(1, deadline - Date.now()))),
		);
	}
}

/**
 * @param {import('./state').Context} ctx
 * @returns {ControlMethods} every method returns copies, never the sandbox's own objects
 */
function createControl(ctx) {
	return {
		reset: () => resetState(ctx),
		configure(cfg) {
			const next = applyConfig(ctx.config, cfg);
			if (cfg && isPlainObject(cfg) && cfg.rateLimit !== undefined) ctx.rateWindows = new Map();
			ctx.config = next;
			return clone(ctx.config);
		},
		addFault(fault) {
			const f = makeFault(fault);
			ctx.faults.push({ ...f, remaining: f.times });
			return clone(f);
		},
		faults: () => clone(ctx.faults),
		clearFaults() {
			ctx.faults = [];
		},
		stats: () => clone(ctx.stats),
		setWorkflow: (id, patch) => setWorkflow(ctx, id, patch),
		finishExecution: (id, opts) => finishExecution(ctx, id, opts),
		webhooks: () => clone([...ctx.hooks.values()]),
		deliver: (opts) => deliver(ctx, opts),
		deliveries: () => clone(ctx.deliveryLog),
		echo: () => clone(ctx.echoes),
		waitFor,
		...finishedRunsControl(ctx),
	};
}

module.exports = { createControl };
