// @ts-check
'use strict';

/**
 * Webhook deliveries: signed POSTs to the hooks of a finished execution (retried), and one-off
 * deliveries through the control API (deliver, with tampering). Every attempt is logged.
 */

const crypto = require('crypto');
const { invalid, SandboxError } = require('./errors');
const { post } = require('./outgoing');
const { executionsNewestFirst, sleep } = require('./state');
const { clone, iso, newId, isPlainObject } = require('./values');

/** @typedef {import('./state').Context} Context */
/** @typedef {import('./types').Webhook} Webhook */
/** @typedef {import('./seed').Execution} Execution */

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
 * Delivers `event` to every hook subscribed to it; settles after every attempt (incl. retries).
 * @param {Context} ctx
 * @param {string} event
 * @param {Execution} execution
 * @returns {Promise<void>}
 */
function deliverToHooks(ctx, event, execution) {
	const targets = [...ctx.hooks.values()].filter((h) => h.events.includes(event));
	const gen = ctx.generation;
	return Promise.all(targets.map((h) => deliverWithRetries(ctx, h, event, execution, gen))).then(
		() => undefined,
	);
}

/**
 * Same delivery id and body on every attempt; a fresh timestamp and signature each time. Stops
 * when the sandbox is reset or closed (its generation changes).
 * @param {Context} ctx
 * @param {Webhook} hook
 * @param {string} event
 * @param {Execution} execution
 * @param {number} gen
 */
async function deliverWithRetries(ctx, hook, event, execution, gen) {
	const deliveryId = newId('dlv');
	const rawBody = JSON.stringify({ event, deliveryId, createdAt: iso(ctx.now()), execution });
	const retries = ctx.config.deliveryRetries;
	const delay = ctx.config.deliveryRetryDelayMs;
	for (let attempt = 1; attempt <= retries + 1; attempt++) {
		if (gen !== ctx.generation) return;
		const timestamp = Math.floor(ctx.now() / 1000);
		const headers = deliveryHeaders(
			event,
			deliveryId,
			timestamp,
			signDelivery(hook.secret, timestamp, rawBody),
		);
		const result = await post(ctx, hook.url, headers, rawBody);
		if (gen !== ctx.generation) return;
		ctx.deliveryLog.push({
			webhookId: hook.webhookId,
			url: hook.url,
			event,
			deliveryId,
			executionId: execution.id,
			attempt,
			status: result.status,
			error: result.error,
			manual: false,
			at: ctx.now(),
		});
		if (result.status !== null && result.status >= 200 && result.status < 300) return;
		if (attempt <= retries && !(await sleep(ctx, delay, 'delivery'))) return;
	}
}

/**
 * @param {Context} ctx
 * @param {string} event
 * @returns {object} the newest execution that such an event would carry
 */
function defaultExecution(ctx, event) {
	const wanted = event === 'execution.failed' ? 'failed' : 'success';
	const all = executionsNewestFirst(ctx);
	const found =
		all.find((e) => e.status === wanted) || all.find((e) => e.status !== 'running') || all[0];
	return found ? clone(found) : {};
}

/**
 * Sends one delivery to a hook now (no retries), signed with its secret unless tampered.
 * @param {Context} ctx
 * @param {unknown} opts see DeliverOptions
 * @returns {Promise<import('./types').DeliverResult>}
 */
async function deliver(ctx, opts) {
	if (!isPlainObject(opts))
		throw invalid('options must be an object { webhookId, event?, execution?, tamper? }');
	const hook = typeof opts.webhookId === 'string' ? ctx.hooks.get(opts.webhookId) : undefined;
	if (!hook)
		throw new SandboxError(404, 'not_found', `Webhook ${String(opts.webhookId)} not found`);
	const event = opts.event === undefined ? 'execution.completed' : opts.event;
	if (typeof event !== 'string' || event === '') throw invalid('event must be a non-empty string');
	const execution = opts.execution === undefined ? defaultExecution(ctx, event) : opts.execution;
	const tamper = opts.tamper === undefined ? {} : opts.tamper;
	if (!isPlainObject(tamper)) throw invalid('tamper must be an object');
	const deliveryId = newId('dlv');
	const rawBody = JSON.stringify({ event, deliveryId, createdAt: iso(ctx.now()), execution });
	const timestamp =
		tamper.timestamp === undefined
			? Math.floor(ctx.now() / 1000)
			: /** @type {number | string} */ (tamper.timestamp);
	const secret = typeof tamper.secret === 'string' ? tamper.secret : hook.secret;
	const signature =
		typeof tamper.signature === 'string'
			? tamper.signature
			: signDelivery(secret, timestamp, rawBody);
	const headers = deliveryHeaders(event, deliveryId, timestamp, signature);
	if (Array.isArray(tamper.omitHeaders)) {
		const omit = new Set(tamper.omitHeaders.map((h) => String(h).toLowerCase()));
		for (const k of Object.keys(headers)) if (omit.has(k.toLowerCase())) delete headers[k];
	}
	const sentBody =
		tamper.body === undefined
			? rawBody
			: typeof tamper.body === 'string'
				? tamper.body
				: JSON.stringify(tamper.body);
	const gen = ctx.generation;
	const result = await post(ctx, hook.url, headers, sentBody);
	if (gen === ctx.generation) {
		const exeId =
			isPlainObject(execution) && typeof execution.id === 'string' ? execution.id : null;
		ctx.deliveryLog.push({
			webhookId: hook.webhookId,
			url: hook.url,
			event,
			deliveryId,
			executionId: exeId,
			attempt: 1,
			status: result.status,
			error: result.error,
			manual: true,
			at: ctx.now(),
		});
	}
	return { status: result.status, body: parseAnswer(result.body), deliveryId, error: result.error };
}

/**
 * @param {string | null} body
 * @returns {unknown} parsed JSON when it is JSON, else the text as it came
 */
function parseAnswer(body) {
	if (typeof body !== 'string' || body.trim() === '') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

module.exports = { signDelivery, deliverToHooks, deliver };
