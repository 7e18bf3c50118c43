// @ts-check
'use strict';

/**
 * The state every sandbox module shares, in one context object: the stores a reset replaces, the
 * timers and sockets close stops. Modules take it as their first argument instead of living in
 * one closure.
 */

const { seed } = require('./seed');
const { configFromOptions } = require('./config');
const { clone } = require('./values');

/** @typedef {import('./types').SandboxConfig} SandboxConfig */
/** @typedef {import('./types').SandboxStats} SandboxStats */
/** @typedef {import('./seed').SandboxWorkflow} SandboxWorkflow */
/** @typedef {import('./seed').Execution} Execution */
/** @typedef {'delivery' | 'request'} SleeperKind */
/** @typedef {{ timer: NodeJS.Timeout, resolve: (done: boolean) => void, kind: SleeperKind }} Sleeper */

/**
 * @typedef {object} Context
 * @property {() => number} now the clock for rate-limit windows and timestamps (not for timers)
 * @property {SandboxConfig} defaultConfig what reset returns to
 * @property {SandboxConfig} config
 * @property {Map<string, SandboxWorkflow>} workflows
 * @property {Map<string, Execution>} executions
 * @property {Map<string, number>} executionSeq creation order, for "newest first" among equal startedAt
 * @property {number} seqCounter
 * @property {Map<string, import('./types').Webhook>} hooks
 * @property {import('./types').ArmedFault[]} faults
 * @property {Map<string, { start: number, count: number }>} rateWindows per key
 * @property {SandboxStats} stats
 * @property {import('./types').DeliveryLogEntry[]} deliveryLog
 * @property {unknown[]} echoes
 * @property {number} listCalls list answers shuffled since the shuffle was last set (listOrder.js)
 * @property {number} generation bumped by reset/close: delivery loops of an older generation stop
 * @property {boolean} closed
 * @property {Map<string, NodeJS.Timeout>} runTimers finish timers of running executions
 * @property {Set<Sleeper>} sleepers pending pauses (delivery retries, fault delays)
 * @property {Set<import('http').ClientRequest>} outgoing deliveries in flight
 */

/** @returns {SandboxStats} */
function freshStats() {
	return { requests: [], triggerAttempts: {}, executionsStarted: {}, rateLimited: 0 };
}

/**
 * @param {import('./types').SandboxOptions} options
 * @returns {Context}
 */
function createContext(options) {
	const defaultConfig = configFromOptions(options);
	/** @type {Context} */
	const ctx = {
		now: options.now || Date.now,
		defaultConfig,
		config: clone(defaultConfig),
		workflows: new Map(),
		executions: new Map(),
		executionSeq: new Map(),
		seqCounter: 0,
		hooks: new Map(),
		faults: [],
		rateWindows: new Map(),
		stats: freshStats(),
		deliveryLog: [],
		echoes: [],
		listCalls: 0,
		generation: 0,
		closed: false,
		runTimers: new Map(),
		sleepers: new Set(),
		outgoing: new Set(),
	};
	loadSeed(ctx);
	return ctx;
}

/**
 * Back to the start: reseeded, no faults, hooks, counters, windows, deliveries or echoes, the start
 * config. Pauses of delayed requests run on (their answers are still sent).
 * @param {Context} ctx
 */
function resetState(ctx) {
	ctx.generation++;
	cancelSleepers(ctx, 'delivery');
	clearRunTimers(ctx);
	loadSeed(ctx);
	ctx.hooks = new Map();
	ctx.faults = [];
	ctx.rateWindows = new Map();
	ctx.stats = freshStats();
	ctx.deliveryLog = [];
	ctx.echoes = [];
	ctx.listCalls = 0;
	ctx.config = clone(ctx.defaultConfig);
}

/** @param {Context} ctx */
function loadSeed(ctx) {
	const data = seed();
	ctx.workflows = new Map(data.workflows.map((w) => [w.id, w]));
	ctx.executions = new Map();
	ctx.executionSeq = new Map();
	ctx.seqCounter = 0;
	for (const e of data.executions) addExecution(ctx, e);
}

/**
 * @param {Context} ctx
 * @param {Execution} exe
 */
function addExecution(ctx, exe) {
	ctx.executions.set(exe.id, exe);
	ctx.executionSeq.set(exe.id, ++ctx.seqCounter);
}

/**
 * @param {Context} ctx
 * @returns {Execution[]} newest first
 */
function executionsNewestFirst(ctx) {
	return [...ctx.executions.values()].sort((a, b) => {
		const d = Date.parse(b.startedAt) - Date.parse(a.startedAt);
		return d !== 0 ? d : (ctx.executionSeq.get(b.id) || 0) - (ctx.executionSeq.get(a.id) || 0);
	});
}

/**
 * A pause that resolves true when it ran, false when cancelled by reset/close.
 * @param {Context} ctx
 * @param {number} ms
 * @param {SleeperKind} kind
 * @returns {Promise<boolean>}
 */
function sleep(ctx, ms, kind) {
	if (ctx.closed) return Promise.resolve(false);
	return new Promise((resolve) => {
		/** @type {Sleeper} */
		const s = {
			timer: setTimeout(() => {
				ctx.sleepers.delete(s);
				resolve(true);
			}, ms),
			resolve,
			kind,
		};
		s.timer.unref();
		ctx.sleepers.add(s);
	});
}

/**
 * @param {Context} ctx
 * @param {SleeperKind | 'all'} kind
 */
function cancelSleepers(ctx, kind) {
	for (const s of [...ctx.sleepers]) {
		if (kind !== 'all' && s.kind !== kind) continue;
		clearTimeout(s.timer);
		ctx.sleepers.delete(s);
		s.resolve(false);
	}
}

/**
 * For close(): no more timers, pauses or deliveries, now or later.
 * @param {Context} ctx
 */
function stopState(ctx) {
	ctx.closed = true;
	ctx.generation++;
	cancelSleepers(ctx, 'all');
	clearRunTimers(ctx);
	for (const r of ctx.outgoing) r.destroy();
	ctx.outgoing.clear();
}

/** @param {Context} ctx */
function clearRunTimers(ctx) {
	for (const t of ctx.runTimers.values()) clearTimeout(t);
	ctx.runTimers.clear();
}

module.exports = {
	createContext,
	resetState,
	stopState,
	addExecution,
	executionsNewestFirst,
	sleep,
};
