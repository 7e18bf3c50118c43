// @ts-check
'use strict';

/**
 * Benchwork sandbox: a local HTTP server that behaves as ../../../shared/benchwork-api/CONTRACT.md
 * and api-reference.txt describe (see SPEC.md beside this file and README.md for usage).
 * Node built-ins only; no console output.
 */

const http = require('http');
const https = require('https');
const crypto = require('crypto');
const { URL, URLSearchParams } = require('url');
const { seed, buildNodeResults, failureOf } = require('./seed');

/** @typedef {import('./seed').SandboxWorkflow} SandboxWorkflow */
/** @typedef {import('./seed').Execution} Execution */

const KEYS = Object.freeze({
	enterprise: 'bw_live_sandbox_enterprise',
	enterprise2: 'bw_live_sandbox_enterprise_2',
	starter: 'bw_live_sandbox_starter',
});

/** @type {Set<string>} */
const ENTERPRISE_KEYS = new Set([KEYS.enterprise, KEYS.enterprise2]);
const EVENTS = Object.freeze(['execution.completed', 'execution.failed']);
const WORKFLOW_STATUSES = ['active', 'paused', 'draft'];
const EXECUTION_STATUSES = ['running', 'success', 'failed'];
const API_PREFIX = '/api/v1';
const CONTROL_PREFIX = '/_sandbox';
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_LOGGED_REQUESTS = 10000;

/**
 * @typedef {object} RateLimitConfig
 * @property {number} limit requests per window and key
 * @property {number} windowMs window length; windows are aligned to multiples of it since the epoch
 */

/**
 * @typedef {object} SandboxConfig
 * @property {RateLimitConfig} rateLimit
 * @property {number} executionDelayMs how long a triggered run takes when its workflow has no own durationMs
 * @property {'full' | '404' | '405'} webhookManagement what GET /webhooks and DELETE /webhooks/:id do
 * @property {number} deliveryRetries retries after a failed delivery attempt
 * @property {number} deliveryRetryDelayMs pause before each retry
 * @property {number} deliveryTimeoutMs a delivery attempt that takes longer fails (network error)
 */

/**
 * @typedef {object} SandboxOptions
 * @property {number} [port] default 0 (any free port)
 * @property {string} [host] default '127.0.0.1'
 * @property {Partial<RateLimitConfig>} [rateLimit] default { limit: 60, windowMs: 60000 }
 * @property {number} [executionDelayMs] default 3000
 * @property {'full' | '404' | '405'} [webhookManagement] default 'full'
 * @property {number} [deliveryRetries] default 2
 * @property {number} [deliveryRetryDelayMs] default 500
 * @property {number} [deliveryTimeoutMs] default 10000
 * @property {() => number} [now] clock (ms since epoch) for rate-limit windows and timestamps; default Date.now
 */

/**
 * @typedef {object} Fault
 * @property {string} faultId
 * @property {string} [method] only this HTTP method (any case)
 * @property {string} [path] only URLs containing this substring (e.g. '/trigger')
 * @property {number} times how many requests it hits; 0 = forever
 * @property {number} [status] answer status (default 500 when the fault answers)
 * @property {unknown} [body] answer body: a string is sent as-is, anything else as JSON
 * @property {string} [contentType]
 * @property {Record<string, string | number | null>} [headers] null removes a header
 * @property {number} [delayMs]
 * @property {boolean} [drop] destroy the socket without answering
 * @property {boolean} [afterHandling] run the real handler first, then answer with the fault
 */

/**
 * @typedef {object} Webhook
 * @property {string} webhookId
 * @property {string} url
 * @property {string[]} events
 * @property {string} secret
 * @property {string} createdAt
 */

/**
 * @typedef {object} RequestLogEntry
 * @property {string} method
 * @property {string} path raw path without the query string, e.g. '/api/v1/workflows'
 * @property {string} url raw path with the query string
 * @property {number | null} status null when no answer was sent (dropped, aborted)
 * @property {number} at ms since epoch when it arrived
 * @property {string | null} key the bearer key, when one was given and known
 */

/**
 * @typedef {object} SandboxStats
 * @property {RequestLogEntry[]} requests every request outside /_sandbox, in order of arrival
 * @property {Record<string, number>} triggerAttempts POST /workflows/:id/trigger that reached the handler or a fault
 * @property {Record<string, number>} executionsStarted executions really created, per workflow
 * @property {number} rateLimited 429s the rate limiter sent (not faults)
 */

/**
 * @typedef {object} DeliveryLogEntry
 * @property {string} webhookId
 * @property {string} url
 * @property {string} event
 * @property {string} deliveryId
 * @property {string | null} executionId
 * @property {number} attempt 1 for the first try
 * @property {number | null} status HTTP status of the receiver's answer, null on a network error
 * @property {string | null} error network error message, else null
 * @property {boolean} manual true for sandbox.deliver()
 * @property {number} at ms since epoch
 */

/**
 * @typedef {object} DeliveryTamper
 * @property {string} [signature] sent verbatim as X-Benchwork-Signature
 * @property {number | string} [timestamp] used as X-Benchwork-Timestamp AND in the signature
 * @property {string | object} [body] sent instead of the signed body (the signature still covers the genuine one)
 * @property {string[]} [omitHeaders] header names not to send (any case)
 * @property {string} [secret] sign with this secret instead of the hook's
 */

/**
 * @typedef {object} DeliverResult
 * @property {number | null} status
 * @property {unknown} body the receiver's answer: parsed JSON when it is JSON, else the text
 * @property {string} deliveryId
 * @property {string | null} error network error, else null
 */

/**
 * @typedef {object} Reply
 * @property {number} status
 * @property {unknown} [json]
 * @property {string | Buffer} [raw]
 * @property {string} [contentType]
 * @property {Record<string, string | number | null | undefined>} [headers]
 */

/** An error of the control API (JS methods throw it; HTTP answers its status). */
class SandboxError extends Error {
	/**
	 * @param {number} status
	 * @param {string} code
	 * @param {string} message
	 */
	constructor(status, code, message) {
		super(message);
		this.name = 'SandboxError';
		this.status = status;
		this.code = code;
	}
}

/**
 * The X-Benchwork-Signature header value of a delivery: `sha256=` + hex HMAC-SHA256 with `secret`
 * over the bytes `<timestamp>.<rawBody>`.
 * @param {string} secret
 * @param {number | string} timestamp Unix seconds
 * @param {string | Buffer} rawBody
 * @returns {string} e.g. 'sha256=5d41…'
 */
function signDelivery(secret, timestamp, rawBody) {
	const hmac = crypto.createHmac('sha256', secret);
	hmac.update(`${timestamp}.`);
	hmac.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody);
	return `sha256=${hmac.digest('hex')}`;
}

/**
 * @param {unknown} v
 * @returns {v is Record<string, unknown>}
 */
function isPlainObject(v) {
	if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
	const proto = Object.getPrototypeOf(v);
	return proto === Object.prototype || proto === null;
}

/**
 * @template T
 * @param {T} v
 * @returns {T}
 */
function clone(v) {
	return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

/**
 * @param {string} prefix
 * @returns {string}
 */
function newId(prefix) {
	return `${prefix}_${crypto.randomBytes(8).toString('hex')}`;
}

/**
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @param {Record<string, string | number | null | undefined>} [headers]
 * @returns {Reply}
 */
function errorReply(status, code, message, headers) {
	return { status, json: { error: { code, message } }, headers };
}

/**
 * @param {string} message
 * @returns {Reply}
 */
function badRequest(message) {
	return errorReply(400, 'invalid_request', message);
}

/**
 * @param {number} status
 * @returns {string}
 */
function codeForStatus(status) {
	/** @type {Record<number, string>} */
	const codes = {
		400: 'invalid_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found',
		405: 'method_not_allowed', 408: 'request_timeout', 409: 'conflict', 413: 'payload_too_large',
		429: 'rate_limited', 500: 'internal_error', 502: 'bad_gateway', 503: 'service_unavailable',
		504: 'gateway_timeout',
	};
	return codes[status] || (status >= 500 ? 'internal_error' : 'error');
}

/**
 * @param {Record<string, number>} counters
 * @param {string} key
 */
function increment(counters, key) {
	counters[key] = (counters[key] || 0) + 1;
}

/**
 * @param {unknown} v
 * @returns {v is number}
 */
function isNonNegativeNumber(v) {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/**
 * @param {unknown} v
 * @returns {v is number}
 */
function isNonNegativeInteger(v) {
	return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/**
 * Parses a JSON body: empty -> undefined.
 * @param {Buffer} buf
 * @returns {{ ok: true, value: unknown } | { ok: false }}
 */
function parseJsonBody(buf) {
	const text = buf.toString('utf8');
	if (text.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

/**
 * @param {SandboxWorkflow} w
 */
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
 * @param {Execution} e
 * @returns {Execution}
 */
function publicExecution(e) {
	return clone(e);
}

/**
 * @param {SandboxOptions} options
 * @returns {SandboxConfig}
 */
function configFromOptions(options) {
	const rl = options.rateLimit || {};
	/** @type {SandboxConfig} */
	const base = {
		rateLimit: { limit: 60, windowMs: 60000 },
		executionDelayMs: 3000,
		webhookManagement: 'full',
		deliveryRetries: 2,
		deliveryRetryDelayMs: 500,
		deliveryTimeoutMs: 10000,
	};
	/** @type {Record<string, unknown>} */
	const patch = {};
	if (rl.limit !== undefined || rl.windowMs !== undefined) patch.rateLimit = rl;
	for (const k of ['executionDelayMs', 'webhookManagement', 'deliveryRetries', 'deliveryRetryDelayMs', 'deliveryTimeoutMs']) {
		const v = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (options))[k];
		if (v !== undefined) patch[k] = v;
	}
	return applyConfig(base, patch);
}

/**
 * Validates `patch` and returns `current` with it applied (throws SandboxError 400).
 * @param {SandboxConfig} current
 * @param {unknown} patch
 * @returns {SandboxConfig}
 */
function applyConfig(current, patch) {
	if (patch === undefined || patch === null) return clone(current);
	if (!isPlainObject(patch)) throw new SandboxError(400, 'invalid_request', 'config must be a JSON object');
	const next = clone(current);
	for (const [k, v] of Object.entries(patch)) {
		switch (k) {
			case 'rateLimit': {
				if (!isPlainObject(v)) throw new SandboxError(400, 'invalid_request', 'rateLimit must be an object { limit, windowMs }');
				for (const rk of Object.keys(v)) {
					if (rk !== 'limit' && rk !== 'windowMs') throw new SandboxError(400, 'invalid_request', `unknown rateLimit key "${rk}"`);
				}
				if (v.limit !== undefined) {
					if (!isNonNegativeInteger(v.limit)) throw new SandboxError(400, 'invalid_request', 'rateLimit.limit must be an integer >= 0');
					next.rateLimit.limit = v.limit;
				}
				if (v.windowMs !== undefined) {
					if (!isNonNegativeInteger(v.windowMs) || v.windowMs < 1) throw new SandboxError(400, 'invalid_request', 'rateLimit.windowMs must be an integer >= 1');
					next.rateLimit.windowMs = v.windowMs;
				}
				break;
			}
			case 'executionDelayMs':
			case 'deliveryRetryDelayMs':
				if (!isNonNegativeNumber(v)) throw new SandboxError(400, 'invalid_request', `${k} must be a number >= 0`);
				next[k] = v;
				break;
			case 'deliveryTimeoutMs':
				if (!isNonNegativeNumber(v) || v === 0) throw new SandboxError(400, 'invalid_request', `${k} must be a number > 0`);
				next[k] = v;
				break;
			case 'deliveryRetries':
				if (!isNonNegativeInteger(v)) throw new SandboxError(400, 'invalid_request', 'deliveryRetries must be an integer >= 0');
				next.deliveryRetries = v;
				break;
			case 'webhookManagement': {
				const s = String(v);
				if (s !== 'full' && s !== '404' && s !== '405') throw new SandboxError(400, 'invalid_request', "webhookManagement must be 'full', '404' or '405'");
				next.webhookManagement = s;
				break;
			}
			case 'port':
			case 'host':
			case 'now':
				// start-up options: accepted (so the options object of startSandbox can be passed) and ignored
				break;
			default:
				throw new SandboxError(400, 'invalid_request', `unknown config key "${k}"`);
		}
	}
	return next;
}

/**
 * Validates a fault spec (throws SandboxError 400).
 * @param {unknown} spec
 * @returns {Fault}
 */
function makeFault(spec) {
	if (spec === undefined) spec = {};
	if (!isPlainObject(spec)) throw new SandboxError(400, 'invalid_request', 'fault must be a JSON object');
	const allowed = ['method', 'path', 'times', 'status', 'body', 'contentType', 'headers', 'delayMs', 'drop', 'afterHandling'];
	for (const k of Object.keys(spec)) {
		if (!allowed.includes(k)) throw new SandboxError(400, 'invalid_request', `unknown fault key "${k}"`);
	}
	/** @type {Fault} */
	const f = { faultId: newId('flt'), times: 1 };
	if (spec.method !== undefined) {
		if (typeof spec.method !== 'string' || !spec.method) throw new SandboxError(400, 'invalid_request', 'fault.method must be a non-empty string');
		f.method = spec.method.toUpperCase();
	}
	if (spec.path !== undefined) {
		if (typeof spec.path !== 'string') throw new SandboxError(400, 'invalid_request', 'fault.path must be a string');
		f.path = spec.path;
	}
	if (spec.times !== undefined) {
		if (!isNonNegativeInteger(spec.times)) throw new SandboxError(400, 'invalid_request', 'fault.times must be an integer >= 0 (0 = forever)');
		f.times = spec.times;
	}
	if (spec.status !== undefined) {
		if (typeof spec.status !== 'number' || !Number.isInteger(spec.status) || spec.status < 200 || spec.status > 599) {
			throw new SandboxError(400, 'invalid_request', 'fault.status must be an integer between 200 and 599');
		}
		f.status = spec.status;
	}
	if (spec.body !== undefined) f.body = clone(spec.body);
	if (spec.contentType !== undefined) {
		if (typeof spec.contentType !== 'string') throw new SandboxError(400, 'invalid_request', 'fault.contentType must be a string');
		f.contentType = spec.contentType;
	}
	if (spec.headers !== undefined) {
		const h = spec.headers;
		if (!isPlainObject(h) || !Object.values(h).every((x) => x === null || typeof x === 'string' || typeof x === 'number')) {
			throw new SandboxError(400, 'invalid_request', 'fault.headers must be an object of string, number or null values');
		}
		f.headers = /** @type {Record<string, string | number | null>} */ ({ ...h });
	}
	if (spec.delayMs !== undefined) {
		if (!isNonNegativeNumber(spec.delayMs)) throw new SandboxError(400, 'invalid_request', 'fault.delayMs must be a number >= 0');
		f.delayMs = spec.delayMs;
	}
	for (const k of /** @type {const} */ (['drop', 'afterHandling'])) {
		if (spec[k] !== undefined) {
			if (typeof spec[k] !== 'boolean') throw new SandboxError(400, 'invalid_request', `fault.${k} must be a boolean`);
			f[k] = /** @type {boolean} */ (spec[k]);
		}
	}
	return f;
}

/**
 * Reads a request body (at most MAX_BODY_BYTES are kept).
 * @param {http.IncomingMessage} req
 * @returns {Promise<{ buf: Buffer, tooLarge: boolean, aborted: boolean }>}
 */
function readBody(req) {
	return new Promise((resolve) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		let settled = false;
		/** @param {boolean} aborted */
		const finish = (aborted) => {
			if (settled) return;
			settled = true;
			resolve({ buf: Buffer.concat(chunks), tooLarge, aborted });
		};
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => finish(false));
		req.on('error', () => finish(true));
		req.on('close', () => finish(!req.complete));
	});
}

/**
 * Starts a sandbox server.
 * @param {SandboxOptions} [options]
 */
async function startSandbox(options = {}) {
	const now = options.now || Date.now;
	const defaultConfig = configFromOptions(options);
	const host = options.host || '127.0.0.1';

	/** @type {SandboxConfig} */
	let config = clone(defaultConfig);
	/** @type {Map<string, SandboxWorkflow>} */
	let workflows = new Map();
	/** @type {Map<string, Execution>} */
	let executions = new Map();
	/** creation order of executions, for "newest first" among equal startedAt */
	/** @type {Map<string, number>} */
	let executionSeq = new Map();
	let seqCounter = 0;
	/** @type {Map<string, Webhook>} */
	let hooks = new Map();
	/** @type {(Fault & { remaining: number })[]} */
	let faults = [];
	/** @type {Map<string, { start: number, count: number }>} */
	let rateWindows = new Map();
	/** @type {SandboxStats} */
	let stats = freshStats();
	/** @type {DeliveryLogEntry[]} */
	let deliveryLog = [];
	/** @type {unknown[]} */
	let echoes = [];
	/** bumped by reset/close: delivery loops of an older generation stop */
	let generation = 0;
	let closed = false;
	/** @type {Promise<void> | null} */
	let closing = null;

	/** @type {Map<string, NodeJS.Timeout>} */
	const runTimers = new Map();
	/** @type {Set<{ timer: NodeJS.Timeout, resolve: (done: boolean) => void, kind: 'delivery' | 'request' }>} */
	const sleepers = new Set();
	/** @type {Set<http.ClientRequest>} */
	const outgoing = new Set();
	/** @type {Set<import('net').Socket>} */
	const sockets = new Set();

	/** @returns {SandboxStats} */
	function freshStats() {
		return { requests: [], triggerAttempts: {}, executionsStarted: {}, rateLimited: 0 };
	}

	/** @param {number} ms */
	function iso(ms) {
		return new Date(ms).toISOString();
	}

	/**
	 * A timer that resolves true when it ran, false when cancelled by reset/close.
	 * @param {number} ms
	 * @param {'delivery' | 'request'} kind
	 * @returns {Promise<boolean>}
	 */
	function sleep(ms, kind) {
		if (closed) return Promise.resolve(false);
		return new Promise((resolve) => {
			const s = {
				timer: setTimeout(() => {
					sleepers.delete(s);
					resolve(true);
				}, ms),
				resolve,
				kind,
			};
			s.timer.unref();
			sleepers.add(s);
		});
	}

	/** @param {'delivery' | 'request' | 'all'} kind */
	function cancelSleepers(kind) {
		for (const s of [...sleepers]) {
			if (kind !== 'all' && s.kind !== kind) continue;
			clearTimeout(s.timer);
			sleepers.delete(s);
			s.resolve(false);
		}
	}

	function clearRunTimers() {
		for (const t of runTimers.values()) clearTimeout(t);
		runTimers.clear();
	}

	function loadSeed() {
		const data = seed();
		workflows = new Map(data.workflows.map((w) => [w.id, w]));
		executions = new Map();
		executionSeq = new Map();
		seqCounter = 0;
		for (const e of data.executions) {
			executions.set(e.id, e);
			executionSeq.set(e.id, ++seqCounter);
		}
	}

	// ---------------------------------------------------------------- rate limiting

	/**
	 * Counts one request of `key` in its current fixed window (only when `count`; the starter key
	 * is not counted, it only gets the headers of its window).
	 * @param {string} key
	 * @param {boolean} count
	 * @returns {{ limited: boolean, headers: Record<string, string> }}
	 */
	function takeRateLimit(key, count) {
		const t = now();
		const { limit, windowMs } = config.rateLimit;
		const start = Math.floor(t / windowMs) * windowMs;
		const end = start + windowMs;
		let w = rateWindows.get(key);
		if (!w || w.start !== start) {
			w = { start, count: 0 };
			rateWindows.set(key, w);
		}
		if (count) w.count++;
		const limited = count && w.count > limit;
		/** @type {Record<string, string>} */
		const headers = {
			'X-RateLimit-Limit': String(limit),
			'X-RateLimit-Remaining': String(Math.max(0, limit - w.count)),
			'X-RateLimit-Reset': String(Math.ceil(end / 1000)),
		};
		if (limited) headers['Retry-After'] = String(Math.max(1, Math.ceil((end - t) / 1000)));
		return { limited, headers };
	}

	// ---------------------------------------------------------------- executions

	/**
	 * @param {SandboxWorkflow} wf
	 * @param {Record<string, unknown>} payload
	 * @returns {Execution}
	 */
	function startExecution(wf, payload) {
		/** @type {Execution} */
		const exe = {
			id: newId('exe'),
			workflowId: wf.id,
			workflowName: wf.name,
			status: 'running',
			trigger: 'api',
			payload: clone(payload),
			startedAt: iso(now()),
			finishedAt: null,
			durationMs: null,
			error: null,
			nodeResults: [],
		};
		executions.set(exe.id, exe);
		executionSeq.set(exe.id, ++seqCounter);
		increment(stats.executionsStarted, wf.id);
		const duration = wf.durationMs === undefined ? config.executionDelayMs : wf.durationMs;
		if (duration !== null) {
			const timer = setTimeout(() => {
				runTimers.delete(exe.id);
				const current = workflows.get(exe.workflowId) || wf;
				void completeExecution(exe, current.outcome, null);
			}, duration);
			timer.unref();
			runTimers.set(exe.id, timer);
		}
		return exe;
	}

	/**
	 * Finishes a running execution and sends its deliveries; the promise settles after every
	 * delivery attempt (incl. retries).
	 * @param {Execution} exe
	 * @param {'success' | 'failed'} status
	 * @param {{ message: string, step: string } | null} error null = the workflow's default failure
	 * @returns {Promise<void>}
	 */
	function completeExecution(exe, status, error) {
		if (exe.status !== 'running') return Promise.resolve();
		const timer = runTimers.get(exe.id);
		if (timer) {
			clearTimeout(timer);
			runTimers.delete(exe.id);
		}
		const wf = workflows.get(exe.workflowId) || { steps: ['Run'], failure: undefined };
		const end = now();
		exe.status = status;
		exe.finishedAt = iso(end);
		exe.durationMs = Math.max(0, end - Date.parse(exe.startedAt));
		exe.error = status === 'failed' ? error || failureOf(wf) : null;
		exe.nodeResults = buildNodeResults(wf, exe.id, status, exe.error);
		const event = status === 'success' ? 'execution.completed' : 'execution.failed';
		const targets = [...hooks.values()].filter((h) => h.events.includes(event));
		const gen = generation;
		const execution = publicExecution(exe);
		return Promise.all(targets.map((h) => deliverWithRetries(h, event, execution, gen))).then(() => undefined);
	}

	// ---------------------------------------------------------------- deliveries

	/**
	 * One POST to a receiver.
	 * @param {string} url
	 * @param {Record<string, string>} headers
	 * @param {string} body
	 * @returns {Promise<{ status: number | null, body: string | null, error: string | null }>}
	 */
	function post(url, headers, body) {
		return new Promise((resolve) => {
			let settled = false;
			/** @type {http.ClientRequest | undefined} */
			let req;
			/** @param {{ status: number | null, body: string | null, error: string | null }} r */
			const done = (r) => {
				if (settled) return;
				settled = true;
				if (req) outgoing.delete(req);
				resolve(r);
			};
			if (closed) return done({ status: null, body: null, error: 'sandbox closed' });
			let u;
			try {
				u = new URL(url);
			} catch {
				return done({ status: null, body: null, error: `invalid url ${url}` });
			}
			const mod = u.protocol === 'https:' ? https : http;
			try {
				req = mod.request(u, {
					method: 'POST',
					agent: false,
					headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' },
					timeout: config.deliveryTimeoutMs,
				});
			} catch (e) {
				return done({ status: null, body: null, error: e instanceof Error ? e.message : String(e) });
			}
			const r = req;
			outgoing.add(r);
			r.on('timeout', () => r.destroy(new Error(`timed out after ${config.deliveryTimeoutMs} ms`)));
			r.on('error', (e) => done({ status: null, body: null, error: e.message }));
			r.on('response', (res) => {
				/** @type {Buffer[]} */
				const chunks = [];
				let size = 0;
				res.on('data', (/** @type {Buffer} */ c) => {
					size += c.length;
					if (size <= MAX_BODY_BYTES) chunks.push(c);
				});
				res.on('end', () => done({ status: res.statusCode || null, body: Buffer.concat(chunks).toString('utf8'), error: null }));
				res.on('error', (e) => done({ status: res.statusCode || null, body: null, error: e.message }));
				res.on('close', () => done({ status: res.statusCode || null, body: Buffer.concat(chunks).toString('utf8'), error: null }));
			});
			r.end(body);
		});
	}

	/**
	 * @param {string} event
	 * @param {string} deliveryId
	 * @param {number | string} timestamp
	 * @param {string} signature
	 * @returns {Record<string, string>}
	 */
	function deliveryHeaders(event, deliveryId, timestamp, signature) {
		return {
			'Content-Type': 'application/json',
			'X-Benchwork-Event': event,
			'X-Benchwork-Delivery': deliveryId,
			'X-Benchwork-Timestamp': String(timestamp),
			'X-Benchwork-Signature': signature,
			'User-Agent': 'Benchwork-Sandbox-Webhooks/1.0',
		};
	}

	/**
	 * @param {Webhook} hook
	 * @param {string} event
	 * @param {Execution} execution
	 * @param {number} gen
	 */
	async function deliverWithRetries(hook, event, execution, gen) {
		const deliveryId = newId('dlv');
		const rawBody = JSON.stringify({ event, deliveryId, createdAt: iso(now()), execution });
		const retries = config.deliveryRetries;
		const delay = config.deliveryRetryDelayMs;
		for (let attempt = 1; attempt <= retries + 1; attempt++) {
			if (gen !== generation) return;
			const timestamp = Math.floor(now() / 1000);
			const headers = deliveryHeaders(event, deliveryId, timestamp, signDelivery(hook.secret, timestamp, rawBody));
			const result = await post(hook.url, headers, rawBody);
			if (gen !== generation) return;
			deliveryLog.push({
				webhookId: hook.webhookId, url: hook.url, event, deliveryId, executionId: execution.id,
				attempt, status: result.status, error: result.error, manual: false, at: now(),
			});
			if (result.status !== null && result.status >= 200 && result.status < 300) return;
			if (attempt <= retries && !(await sleep(delay, 'delivery'))) return;
		}
	}

	// ---------------------------------------------------------------- API handlers

	/**
	 * Validates a list query.
	 * @param {URLSearchParams} query
	 * @param {Record<string, 'string' | 'limit' | string[]>} spec
	 * @returns {{ values: Record<string, string | number>, error?: undefined } | { error: Reply }}
	 */
	function parseListQuery(query, spec) {
		const names = Object.keys(spec);
		for (const name of new Set(query.keys())) {
			if (!names.includes(name)) {
				return { error: badRequest(`unknown query parameter "${name}" (allowed: ${names.join(', ')})`) };
			}
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
				if (!(n >= 1 && n <= 100)) return { error: badRequest(`${name} must be an integer between 1 and 100`) };
				values[name] = n;
			} else if (kind === 'string') {
				if (v === '') return { error: badRequest(`${name} must be a non-empty string`) };
				values[name] = v;
			} else {
				if (!kind.includes(v)) return { error: badRequest(`${name} must be one of: ${kind.join(', ')}`) };
				values[name] = v;
			}
		}
		return { values };
	}

	/** @param {URLSearchParams} query @returns {Reply} */
	function listWorkflows(query) {
		const q = parseListQuery(query, { storeId: 'string', status: WORKFLOW_STATUSES, limit: 'limit' });
		if (q.error) return q.error;
		const { storeId, status } = q.values;
		const limit = /** @type {number} */ (q.values.limit || 20);
		const list = [...workflows.values()]
			.filter((w) => (storeId === undefined || w.storeId === storeId) && (status === undefined || w.status === status))
			.slice(0, limit)
			.map(publicWorkflow);
		return { status: 200, json: { workflows: list } };
	}

	/** @param {string} id @returns {Reply} */
	function getWorkflow(id) {
		const wf = workflows.get(id);
		if (!wf) return errorReply(404, 'not_found', `Workflow ${id} not found`);
		return { status: 200, json: publicWorkflow(wf) };
	}

	/**
	 * @param {string} id
	 * @param {Buffer} buf
	 * @returns {Reply}
	 */
	function triggerWorkflow(id, buf) {
		const parsed = parseJsonBody(buf);
		if (!parsed.ok) return badRequest('body must be valid JSON');
		const body = parsed.value === undefined ? {} : parsed.value;
		if (!isPlainObject(body)) return badRequest('body must be a JSON object, e.g. { "payload": { ... } }');
		const payload = body.payload === undefined ? {} : body.payload;
		if (!isPlainObject(payload)) return badRequest('payload must be a JSON object');
		const wf = workflows.get(id);
		if (!wf) return errorReply(404, 'not_found', `Workflow ${id} not found`);
		if (wf.status !== 'active') {
			return errorReply(400, 'workflow_not_active', `Workflow ${id} is ${wf.status}; only active workflows can be triggered`);
		}
		const exe = startExecution(wf, payload);
		return { status: 201, json: { executionId: exe.id } };
	}

	/** @returns {Execution[]} newest first */
	function executionsNewestFirst() {
		return [...executions.values()].sort((a, b) => {
			const d = Date.parse(b.startedAt) - Date.parse(a.startedAt);
			return d !== 0 ? d : (executionSeq.get(b.id) || 0) - (executionSeq.get(a.id) || 0);
		});
	}

	/** @param {URLSearchParams} query @returns {Reply} */
	function listExecutions(query) {
		const q = parseListQuery(query, { workflowId: 'string', status: EXECUTION_STATUSES, limit: 'limit' });
		if (q.error) return q.error;
		const { workflowId, status } = q.values;
		const limit = /** @type {number} */ (q.values.limit || 20);
		const list = executionsNewestFirst()
			.filter((e) => (workflowId === undefined || e.workflowId === workflowId) && (status === undefined || e.status === status))
			.slice(0, limit)
			.map(publicExecution);
		return { status: 200, json: { executions: list } };
	}

	/** @param {string} id @returns {Reply} */
	function getExecution(id) {
		const exe = executions.get(id);
		if (!exe) return errorReply(404, 'not_found', `Execution ${id} not found`);
		return { status: 200, json: publicExecution(exe) };
	}

	/** @param {Buffer} buf @returns {Reply} */
	function createWebhook(buf) {
		const parsed = parseJsonBody(buf);
		if (!parsed.ok) return badRequest('body must be valid JSON');
		const body = parsed.value;
		if (!isPlainObject(body)) return badRequest('body must be a JSON object { url, events, secret }');
		const { url, events, secret } = body;
		let validUrl = false;
		if (typeof url === 'string') {
			try {
				const u = new URL(url);
				validUrl = (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
			} catch {
				validUrl = false;
			}
		}
		if (!validUrl) return badRequest('url must be an absolute http(s) URL');
		if (!Array.isArray(events) || events.length === 0 || !events.every((e) => typeof e === 'string' && EVENTS.includes(e))) {
			return badRequest(`events must be a non-empty array of: ${EVENTS.join(', ')}`);
		}
		if (typeof secret !== 'string' || secret === '') return badRequest('secret must be a non-empty string');
		/** @type {Webhook} */
		const hook = {
			webhookId: newId('wh'),
			url: /** @type {string} */ (url),
			events: [...new Set(/** @type {string[]} */ (events))],
			secret,
			createdAt: iso(now()),
		};
		hooks.set(hook.webhookId, hook);
		return { status: 201, json: { webhookId: hook.webhookId } };
	}

	/** @returns {Reply | null} the answer when webhook management is switched off */
	function webhookManagementOff() {
		if (config.webhookManagement === '404') return errorReply(404, 'not_found', 'Not found');
		if (config.webhookManagement === '405') return errorReply(405, 'method_not_allowed', 'Method not allowed', { Allow: 'POST' });
		return null;
	}

	/** @returns {Reply} */
	function listWebhooks() {
		const off = webhookManagementOff();
		if (off) return off;
		const list = [...hooks.values()].map((h) => ({ webhookId: h.webhookId, url: h.url, events: [...h.events], createdAt: h.createdAt }));
		return { status: 200, json: { webhooks: list } };
	}

	/** @param {string} id @returns {Reply} */
	function deleteWebhook(id) {
		const off = webhookManagementOff();
		if (off) {
			if (off.status === 405 && off.headers) off.headers.Allow = null;
			return off;
		}
		if (!hooks.delete(id)) return errorReply(404, 'not_found', `Webhook ${id} not found`);
		return { status: 204 };
	}

	/**
	 * @param {string} allow
	 * @param {string} method
	 * @returns {Reply}
	 */
	function methodNotAllowed(allow, method) {
		return errorReply(405, 'method_not_allowed', `${method} is not allowed here (allowed: ${allow})`, { Allow: allow });
	}

	/**
	 * Routes an authenticated, admitted API request.
	 * @param {string} method
	 * @param {string[]} seg decoded path segments after /api/v1
	 * @param {URLSearchParams} query
	 * @param {{ buf: Buffer, tooLarge: boolean }} body
	 * @returns {Reply}
	 */
	function route(method, seg, query, body) {
		if (body.tooLarge) return errorReply(413, 'payload_too_large', `body must be at most ${MAX_BODY_BYTES} bytes`);
		const [a, b, c] = seg;
		if (seg.length === 1 && a === 'workflows') {
			return method === 'GET' ? listWorkflows(query) : methodNotAllowed('GET', method);
		}
		if (seg.length === 2 && a === 'workflows') {
			return method === 'GET' ? getWorkflow(b) : methodNotAllowed('GET', method);
		}
		if (seg.length === 3 && a === 'workflows' && c === 'trigger') {
			return method === 'POST' ? triggerWorkflow(b, body.buf) : methodNotAllowed('POST', method);
		}
		if (seg.length === 1 && a === 'executions') {
			return method === 'GET' ? listExecutions(query) : methodNotAllowed('GET', method);
		}
		if (seg.length === 2 && a === 'executions') {
			return method === 'GET' ? getExecution(b) : methodNotAllowed('GET', method);
		}
		if (seg.length === 1 && a === 'webhooks') {
			if (method === 'POST') return createWebhook(body.buf);
			if (method === 'GET') return listWebhooks();
			return methodNotAllowed(config.webhookManagement === 'full' ? 'GET, POST' : 'POST', method);
		}
		if (seg.length === 2 && a === 'webhooks') {
			if (method === 'DELETE') return deleteWebhook(b);
			return methodNotAllowed('DELETE', method);
		}
		return errorReply(404, 'not_found', `No such endpoint: ${method} ${API_PREFIX}/${seg.map(encodeURIComponent).join('/')}`);
	}

	// ---------------------------------------------------------------- HTTP plumbing

	/**
	 * Sends a reply unless the response is already gone. Header layers apply in order; a null
	 * value removes the header; the reply's own headers come after the layers.
	 * @param {http.ServerResponse} res
	 * @param {Reply} reply
	 * @param {...(Record<string, string | number | null | undefined> | undefined)} layers
	 */
	function send(res, reply, ...layers) {
		if (res.headersSent || res.writableEnded || res.destroyed || !res.socket || res.socket.destroyed) return;
		/** @type {string | Buffer} */
		let payload = '';
		/** @type {string | undefined} */
		let contentType;
		if (reply.raw !== undefined) {
			payload = reply.raw;
			contentType = 'text/plain; charset=utf-8';
		} else if (reply.json !== undefined) {
			payload = JSON.stringify(reply.json);
			contentType = 'application/json; charset=utf-8';
		}
		if (reply.status === 204 || reply.status === 304 || res.req.method === 'HEAD') payload = '';
		/** @type {Map<string, [string, string]>} */
		const headers = new Map();
		/** @param {Record<string, string | number | null | undefined> | undefined} layer */
		const apply = (layer) => {
			if (!layer) return;
			for (const [k, v] of Object.entries(layer)) {
				if (v === null || v === undefined) headers.delete(k.toLowerCase());
				else headers.set(k.toLowerCase(), [k, String(v)]);
			}
		};
		if (contentType && payload !== '') apply({ 'Content-Type': contentType });
		// an explicit content type (faults) is sent even with an empty body
		if (reply.contentType !== undefined) apply({ 'Content-Type': reply.contentType });
		const ordered = [...layers];
		ordered.splice(Math.min(1, ordered.length), 0, reply.headers);
		for (const layer of ordered) apply(layer);
		apply({ 'Content-Length': Buffer.byteLength(payload) });
		/** @type {Record<string, string>} */
		const out = {};
		for (const [k, v] of headers.values()) out[k] = v;
		res.writeHead(reply.status, out);
		res.end(payload);
	}

	/**
	 * @param {Fault} f
	 * @returns {Reply}
	 */
	function faultReply(f) {
		const status = f.status === undefined ? 500 : f.status;
		if (f.body === undefined) {
			return { status, json: { error: { code: codeForStatus(status), message: `Sandbox fault (HTTP ${status})` } }, contentType: f.contentType };
		}
		if (typeof f.body === 'string') {
			return { status, raw: f.body, contentType: f.contentType === undefined ? 'text/plain; charset=utf-8' : f.contentType };
		}
		return { status, json: f.body, contentType: f.contentType };
	}

	/**
	 * The first fault matching this request (its use is counted).
	 * @param {string} method
	 * @param {string} url raw URL incl. query
	 * @returns {Fault | null}
	 */
	function takeFault(method, url) {
		for (let i = 0; i < faults.length; i++) {
			const f = faults[i];
			if (f.method !== undefined && f.method !== method) continue;
			if (f.path !== undefined && !url.includes(f.path)) continue;
			if (f.times !== 0) {
				f.remaining--;
				if (f.remaining <= 0) faults.splice(i, 1);
			}
			return f;
		}
		return null;
	}

	/**
	 * @param {string | undefined} header
	 * @returns {string | null} the key when it is a known one
	 */
	function parseKey(header) {
		if (typeof header !== 'string') return null;
		const m = /^Bearer ([^\s]+)$/i.exec(header.trim());
		if (!m) return null;
		const key = m[1];
		return ENTERPRISE_KEYS.has(key) || key === KEYS.starter ? key : null;
	}

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 */
	async function handle(req, res) {
		const rawUrl = req.url || '/';
		const qi = rawUrl.indexOf('?');
		const rawPath = qi < 0 ? rawUrl : rawUrl.slice(0, qi);
		const search = qi < 0 ? '' : rawUrl.slice(qi + 1);
		const method = (req.method || 'GET').toUpperCase();
		const body = await readBody(req);
		if (body.aborted) return;

		if (rawPath === CONTROL_PREFIX || rawPath.startsWith(`${CONTROL_PREFIX}/`)) {
			return handleControl(res, method, rawPath.slice(CONTROL_PREFIX.length), body);
		}

		/** @type {RequestLogEntry} */
		const entry = { method, path: rawPath, url: rawUrl, status: null, at: now(), key: null };
		stats.requests.push(entry);
		if (stats.requests.length > MAX_LOGGED_REQUESTS) stats.requests.splice(0, stats.requests.length - MAX_LOGGED_REQUESTS);
		res.on('finish', () => {
			entry.status = res.statusCode;
		});

		if (!(rawPath === API_PREFIX || rawPath.startsWith(`${API_PREFIX}/`))) {
			if (rawPath === '/' && method === 'GET') {
				return send(res, { status: 200, json: { name: 'Benchwork sandbox', baseUrl: sandbox.baseUrl, control: `${sandbox.origin}${CONTROL_PREFIX}` } });
			}
			return send(res, errorReply(404, 'not_found', `No such endpoint: ${method} ${rawPath}`));
		}

		const key = parseKey(req.headers.authorization);
		if (!key) return send(res, errorReply(401, 'unauthorized', 'Missing or invalid API key (expected Authorization: Bearer bw_live_...)'));
		entry.key = key;

		const rl = takeRateLimit(key, ENTERPRISE_KEYS.has(key));
		if (rl.limited) {
			stats.rateLimited++;
			return send(res, errorReply(429, 'rate_limited', `Rate limit of ${config.rateLimit.limit} requests per ${config.rateLimit.windowMs} ms exceeded; retry after ${rl.headers['Retry-After']} s`), rl.headers);
		}
		if (!ENTERPRISE_KEYS.has(key)) {
			return send(res, errorReply(403, 'plan_required', 'API access requires an Enterprise plan. Upgrade under Settings → Billing.'), rl.headers);
		}

		/** @type {string[]} */
		let seg;
		try {
			seg = rawPath.slice(API_PREFIX.length).split('/').slice(1).map((s) => decodeURIComponent(s));
		} catch {
			return send(res, badRequest('path contains invalid percent-encoding'), rl.headers);
		}
		const query = new URLSearchParams(search);
		const triggerId = method === 'POST' && seg.length === 3 && seg[0] === 'workflows' && seg[2] === 'trigger' ? seg[1] : null;
		let attemptCounted = false;
		const countAttempt = () => {
			if (triggerId !== null && !attemptCounted) {
				attemptCounted = true;
				increment(stats.triggerAttempts, triggerId);
			}
		};
		const run = () => {
			countAttempt();
			return route(method, seg, query, body);
		};

		const fault = takeFault(method, rawUrl);
		if (!fault) return send(res, run(), rl.headers);

		countAttempt();
		const answers = fault.status !== undefined || fault.body !== undefined || fault.contentType !== undefined || !!fault.afterHandling;
		if (!fault.drop && !answers && fault.delayMs) {
			// Pure delay: a slow server; the real handler runs after the pause.
			if (!(await sleep(fault.delayMs, 'request'))) return;
			return send(res, run(), rl.headers, fault.headers);
		}
		if (fault.afterHandling) run();
		if (fault.delayMs && !(await sleep(fault.delayMs, 'request'))) return;
		if (fault.drop) {
			req.socket.destroy();
			return;
		}
		return send(res, faultReply(fault), rl.headers, fault.headers);
	}

	// ---------------------------------------------------------------- control

	/**
	 * @param {http.ServerResponse} res
	 * @param {string} method
	 * @param {string} rest path after /_sandbox
	 * @param {{ buf: Buffer, tooLarge: boolean }} body
	 */
	async function handleControl(res, method, rest, body) {
		/** @type {Reply} */
		let reply;
		try {
			reply = await control(method, rest, body);
		} catch (e) {
			reply = e instanceof SandboxError
				? errorReply(e.status, e.code, e.message)
				: errorReply(500, 'internal_error', e instanceof Error ? e.message : String(e));
		}
		send(res, reply);
	}

	/**
	 * @param {{ buf: Buffer, tooLarge: boolean }} body
	 * @returns {unknown}
	 */
	function controlJson(body) {
		if (body.tooLarge) throw new SandboxError(413, 'payload_too_large', 'body too large');
		const parsed = parseJsonBody(body.buf);
		if (!parsed.ok) throw new SandboxError(400, 'invalid_request', 'body must be valid JSON');
		return parsed.value;
	}

	/**
	 * @param {string} method
	 * @param {string} rest
	 * @param {{ buf: Buffer, tooLarge: boolean }} body
	 * @returns {Promise<Reply>}
	 */
	async function control(method, rest, body) {
		/** @type {string[]} */
		let seg;
		try {
			seg = rest.split('/').slice(1).map((s) => decodeURIComponent(s));
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
		if (p === 'config' && (method === 'POST' || method === 'PUT' || method === 'PATCH')) return ok(sandbox.configure(/** @type {any} */ (controlJson(body))));
		if (p === 'faults' && method === 'POST') return ok(sandbox.addFault(/** @type {any} */ (controlJson(body))), 201);
		if (p === 'faults' && method === 'GET') return ok(sandbox.faults());
		if (p === 'faults' && method === 'DELETE') {
			sandbox.clearFaults();
			return { status: 204 };
		}
		if (p === 'stats' && method === 'GET') return ok(sandbox.stats());
		if (seg.length === 2 && seg[0] === 'workflows' && method === 'PUT') {
			const patch = controlJson(body);
			return ok(sandbox.setWorkflow(seg[1], /** @type {any} */ (patch === undefined ? {} : patch)));
		}
		if (seg.length === 3 && seg[0] === 'executions' && seg[2] === 'finish' && method === 'POST') {
			const opts = controlJson(body);
			return ok(await sandbox.finishExecution(seg[1], /** @type {any} */ (opts === undefined ? {} : opts)));
		}
		if (p === 'webhooks' && method === 'GET') return ok(sandbox.webhooks());
		if (p === 'deliver' && method === 'POST') return ok(await sandbox.deliver(/** @type {any} */ (controlJson(body))));
		if (p === 'deliveries' && method === 'GET') return ok(sandbox.deliveries());
		if (p === 'echo' && method === 'POST') {
			if (body.tooLarge) throw new SandboxError(413, 'payload_too_large', 'body too large');
			const parsed = parseJsonBody(body.buf);
			echoes.push(parsed.ok ? (parsed.value === undefined ? null : parsed.value) : body.buf.toString('utf8'));
			return ok({ ok: true, count: echoes.length }, 201);
		}
		if (p === 'echo' && method === 'GET') return ok(sandbox.echo());
		if (p === 'echo' && method === 'DELETE') {
			echoes = [];
			return { status: 204 };
		}
		throw new SandboxError(404, 'not_found', `No such control endpoint: ${method} ${CONTROL_PREFIX}${rest}`);
	}

	// ---------------------------------------------------------------- server

	loadSeed();

	const server = http.createServer((req, res) => {
		handle(req, res).catch((e) => {
			try {
				send(res, errorReply(500, 'internal_error', e instanceof Error ? e.message : String(e)));
			} catch {
				res.destroy();
			}
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('clientError', (_err, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
		else socket.destroy();
	});

	await /** @type {Promise<void>} */ (new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	}));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : Number(options.port);
	const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	const origin = `http://${urlHost}:${port}`;

	const sandbox = {
		/** the http.Server */
		server,
		port,
		/** e.g. http://127.0.0.1:4567 */
		origin,
		/** e.g. http://127.0.0.1:4567/api/v1 */
		baseUrl: `${origin}${API_PREFIX}`,
		keys: KEYS,

		/**
		 * Stops the server, timers, deliveries and open (keep-alive) sockets.
		 * @returns {Promise<void>}
		 */
		close() {
			if (closing) return closing;
			closed = true;
			generation++;
			cancelSleepers('all');
			clearRunTimers();
			for (const r of outgoing) r.destroy();
			outgoing.clear();
			closing = new Promise((resolve) => {
				server.close(() => resolve());
				if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
				for (const s of sockets) s.destroy();
				sockets.clear();
			});
			return closing;
		},

		/** Reseeds; clears faults, hooks, counters, rate-limit windows, deliveries, echo; restores the start config. */
		reset() {
			generation++;
			cancelSleepers('delivery');
			clearRunTimers();
			loadSeed();
			hooks = new Map();
			faults = [];
			rateWindows = new Map();
			stats = freshStats();
			deliveryLog = [];
			echoes = [];
			config = clone(defaultConfig);
		},

		/**
		 * Changes the config (partial); returns the whole current config. A rateLimit change
		 * also starts fresh windows for every key.
		 * @param {Partial<Omit<SandboxConfig, 'rateLimit'>> & { rateLimit?: Partial<RateLimitConfig> }} [cfg]
		 * @returns {SandboxConfig}
		 */
		configure(cfg) {
			const next = applyConfig(config, cfg);
			if (cfg && isPlainObject(cfg) && cfg.rateLimit !== undefined) rateWindows = new Map();
			config = next;
			return clone(config);
		},

		/**
		 * Adds a fault (see SPEC.md); returns it with its faultId.
		 * @param {Partial<Omit<Fault, 'faultId'>>} fault
		 * @returns {Fault}
		 */
		addFault(fault) {
			const f = makeFault(fault);
			faults.push({ ...f, remaining: f.times });
			return clone(f);
		},

		/** @returns {(Fault & { remaining: number })[]} the faults still armed */
		faults() {
			return clone(faults);
		},

		clearFaults() {
			faults = [];
		},

		/** @returns {SandboxStats} a snapshot */
		stats() {
			return clone(stats);
		},

		/**
		 * Creates or patches a workflow, including the internal `outcome` ('success' | 'failed'),
		 * `durationMs` (number, null = until finished by control, 'default' = executionDelayMs),
		 * `steps` (string[]) and `failure` ({ step, message } | null).
		 * @param {string} id
		 * @param {Record<string, unknown>} patch
		 */
		setWorkflow(id, patch) {
			if (typeof id !== 'string' || id === '') throw new SandboxError(400, 'invalid_request', 'workflow id must be a non-empty string');
			if (!isPlainObject(patch)) throw new SandboxError(400, 'invalid_request', 'patch must be a JSON object');
			/** @type {Partial<SandboxWorkflow>} */
			const clean = {};
			for (const [k, v] of Object.entries(patch)) {
				switch (k) {
					case 'id':
						if (v !== id) throw new SandboxError(400, 'invalid_request', 'id cannot be changed');
						break;
					case 'name':
					case 'storeId':
					case 'description':
					case 'createdAt':
					case 'updatedAt':
						if (typeof v !== 'string') throw new SandboxError(400, 'invalid_request', `${k} must be a string`);
						clean[k] = v;
						break;
					case 'status':
						if (typeof v !== 'string' || !WORKFLOW_STATUSES.includes(v)) throw new SandboxError(400, 'invalid_request', `status must be one of: ${WORKFLOW_STATUSES.join(', ')}`);
						clean.status = /** @type {SandboxWorkflow['status']} */ (v);
						break;
					case 'outcome':
						if (v !== 'success' && v !== 'failed') throw new SandboxError(400, 'invalid_request', "outcome must be 'success' or 'failed'");
						clean.outcome = v;
						break;
					case 'durationMs':
						if (v === 'default' || v === undefined) clean.durationMs = undefined;
						else if (v === null || isNonNegativeNumber(v)) clean.durationMs = v;
						else throw new SandboxError(400, 'invalid_request', "durationMs must be a number >= 0, null (until finished by control) or 'default'");
						break;
					case 'steps':
						if (!Array.isArray(v) || v.length === 0 || !v.every((s) => typeof s === 'string' && s !== '')) {
							throw new SandboxError(400, 'invalid_request', 'steps must be a non-empty array of strings');
						}
						clean.steps = [...v];
						break;
					case 'failure':
						if (v === null) clean.failure = undefined;
						else if (isPlainObject(v) && typeof v.step === 'string' && typeof v.message === 'string') clean.failure = { step: v.step, message: v.message };
						else throw new SandboxError(400, 'invalid_request', 'failure must be { step, message } or null');
						break;
					default:
						throw new SandboxError(400, 'invalid_request', `unknown workflow field "${k}"`);
				}
			}
			const t = iso(now());
			const existing = workflows.get(id);
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
			workflows.set(id, wf);
			return internalWorkflow(wf);
		},

		/**
		 * Finishes a running execution now, sends its deliveries and resolves after every
		 * delivery attempt with the finished execution. Status defaults to the workflow's outcome;
		 * error (for 'failed') defaults to the workflow's failure; a string is taken as the message.
		 * @param {string} id
		 * @param {{ status?: 'success' | 'failed', error?: string | { message: string, step?: string } }} [opts]
		 * @returns {Promise<Execution>}
		 */
		async finishExecution(id, opts = {}) {
			const exe = executions.get(id);
			if (!exe) throw new SandboxError(404, 'not_found', `Execution ${id} not found`);
			if (!isPlainObject(opts)) throw new SandboxError(400, 'invalid_request', 'options must be an object { status, error? }');
			if (exe.status !== 'running') throw new SandboxError(409, 'conflict', `Execution ${id} already finished (${exe.status})`);
			const wf = workflows.get(exe.workflowId);
			const status = opts.status === undefined ? (wf ? wf.outcome : 'success') : opts.status;
			if (status !== 'success' && status !== 'failed') throw new SandboxError(400, 'invalid_request', "status must be 'success' or 'failed'");
			/** @type {{ message: string, step: string } | null} */
			let error = null;
			if (status === 'failed' && opts.error !== undefined && opts.error !== null) {
				const fallback = failureOf(wf || { steps: ['Run'], failure: undefined });
				if (typeof opts.error === 'string') error = { message: opts.error, step: fallback.step };
				else if (isPlainObject(opts.error) && typeof opts.error.message === 'string') {
					error = { message: opts.error.message, step: typeof opts.error.step === 'string' ? opts.error.step : fallback.step };
				} else throw new SandboxError(400, 'invalid_request', 'error must be a string or { message, step? }');
			}
			await completeExecution(exe, status, error);
			return publicExecution(exe);
		},

		/** @returns {Webhook[]} every hook, with its secret */
		webhooks() {
			return clone([...hooks.values()]);
		},

		/**
		 * Sends one delivery to a hook now (no retries), signed with its secret unless tampered.
		 * @param {{ webhookId: string, event?: string, execution?: object, tamper?: DeliveryTamper }} opts
		 * @returns {Promise<DeliverResult>}
		 */
		async deliver(opts) {
			if (!isPlainObject(opts)) throw new SandboxError(400, 'invalid_request', 'options must be an object { webhookId, event?, execution?, tamper? }');
			const hook = typeof opts.webhookId === 'string' ? hooks.get(opts.webhookId) : undefined;
			if (!hook) throw new SandboxError(404, 'not_found', `Webhook ${String(opts.webhookId)} not found`);
			const event = opts.event === undefined ? 'execution.completed' : opts.event;
			if (typeof event !== 'string' || event === '') throw new SandboxError(400, 'invalid_request', 'event must be a non-empty string');
			let execution = opts.execution;
			if (execution === undefined) {
				const wanted = event === 'execution.failed' ? 'failed' : 'success';
				const all = executionsNewestFirst();
				const found = all.find((e) => e.status === wanted) || all.find((e) => e.status !== 'running') || all[0];
				execution = found ? publicExecution(found) : {};
			}
			const tamper = opts.tamper === undefined ? {} : opts.tamper;
			if (!isPlainObject(tamper)) throw new SandboxError(400, 'invalid_request', 'tamper must be an object');
			const deliveryId = newId('dlv');
			const rawBody = JSON.stringify({ event, deliveryId, createdAt: iso(now()), execution });
			const timestamp = tamper.timestamp === undefined ? Math.floor(now() / 1000) : tamper.timestamp;
			const secret = typeof tamper.secret === 'string' ? tamper.secret : hook.secret;
			const signature = typeof tamper.signature === 'string' ? tamper.signature : signDelivery(secret, timestamp, rawBody);
			const headers = deliveryHeaders(event, deliveryId, timestamp, signature);
			if (Array.isArray(tamper.omitHeaders)) {
				const omit = new Set(tamper.omitHeaders.map((h) => String(h).toLowerCase()));
				for (const k of Object.keys(headers)) if (omit.has(k.toLowerCase())) delete headers[k];
			}
			const sentBody = tamper.body === undefined ? rawBody : typeof tamper.body === 'string' ? tamper.body : JSON.stringify(tamper.body);
			const gen = generation;
			const result = await post(hook.url, headers, sentBody);
			if (gen === generation) {
				const exeId = isPlainObject(execution) && typeof execution.id === 'string' ? execution.id : null;
				deliveryLog.push({
					webhookId: hook.webhookId, url: hook.url, event, deliveryId, executionId: exeId,
					attempt: 1, status: result.status, error: result.error, manual: true, at: now(),
				});
			}
			/** @type {unknown} */
			let responseBody = result.body;
			if (typeof result.body === 'string' && result.body.trim() !== '') {
				try {
					responseBody = JSON.parse(result.body);
				} catch {
					responseBody = result.body;
				}
			}
			return { status: result.status, body: responseBody, deliveryId, error: result.error };
		},

		/** @returns {DeliveryLogEntry[]} every delivery attempt, oldest first */
		deliveries() {
			return clone(deliveryLog);
		},

		/** @returns {unknown[]} the bodies POSTed to /_sandbox/echo, oldest first */
		echo() {
			return clone(echoes);
		},

		/**
		 * Polls `predicate` (may be async) until it returns something truthy; resolves with that.
		 * @template T
		 * @param {() => T | Promise<T>} predicate
		 * @param {number} [timeoutMs] default 5000
		 * @param {number} [intervalMs] default 20
		 * @returns {Promise<T>}
		 */
		async waitFor(predicate, timeoutMs = 5000, intervalMs = 20) {
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
				await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(1, deadline - Date.now()))));
			}
		},
	};

	return sandbox;
}

/** @typedef {Awaited<ReturnType<typeof startSandbox>>} Sandbox */

module.exports = { startSandbox, KEYS, signDelivery, SandboxError };
