// @ts-check
'use strict';

/** The webhook endpoints of the API: POST /webhooks, GET /webhooks, DELETE /webhooks/:id. */

const { URL } = require('url');
const { badRequest, errorReply } = require('./replies');
const { iso, newId, isPlainObject, parseJsonBody } = require('./values');

/** @typedef {import('./state').Context} Context */
/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./types').ApiRequest} ApiRequest */

const EVENTS = Object.freeze(['execution.completed', 'execution.failed']);

/** @param {unknown} url */
function isHttpUrl(url) {
	if (typeof url !== 'string') return false;
	try {
		const u = new URL(url);
		return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
	} catch {
		return false;
	}
}

/**
 * POST /webhooks
 * @param {Context} ctx
 * @param {ApiRequest} req
 * @returns {Reply}
 */
function createWebhook(ctx, { body: requestBody }) {
	const parsed = parseJsonBody(requestBody.buf);
	if (!parsed.ok) return badRequest('body must be valid JSON');
	const body = parsed.value;
	if (!isPlainObject(body)) return badRequest('body must be a JSON object { url, events, secret }');
	const { url, events, secret } = body;
	if (!isHttpUrl(url)) return badRequest('url must be an absolute http(s) URL');
	if (
		!Array.isArray(events) ||
		events.length === 0 ||
		!events.every((e) => typeof e === 'string' && EVENTS.includes(e))
	) {
		return badRequest(`events must be a non-empty array of: ${EVENTS.join(', ')}`);
	}
	if (typeof secret !== 'string' || secret === '')
		return badRequest('secret must be a non-empty string');
	/** @type {import('./types').Webhook} */
	const hook = {
		webhookId: newId('wh'),
		url: /** @type {string} */ (url),
		events: [...new Set(/** @type {string[]} */ (events))],
		secret,
		createdAt: iso(ctx.now()),
	};
	ctx.hooks.set(hook.webhookId, hook);
	return { status: 201, json: { webhookId: hook.webhookId } };
}

/**
 * @param {Context} ctx
 * @returns {Reply | null} the answer when webhook management is switched off
 */
function webhookManagementOff(ctx) {
	if (ctx.config.webhookManagement === '404') return errorReply(404, 'not_found', 'Not found');
	if (ctx.config.webhookManagement === '405')
		return errorReply(405, 'method_not_allowed', 'Method not allowed', { Allow: 'POST' });
	return null;
}

/**
 * GET /webhooks
 * @param {Context} ctx
 * @returns {Reply}
 */
function listWebhooks(ctx) {
	const off = webhookManagementOff(ctx);
	if (off) return off;
	const list = [...ctx.hooks.values()].map((h) => ({
		webhookId: h.webhookId,
		url: h.url,
		events: [...h.events],
		createdAt: h.createdAt,
	}));
	return { status: 200, json: { webhooks: list } };
}

/**
 * DELETE /webhooks/:id
 * @param {Context} ctx
 * @param {ApiRequest} req
 * @returns {Reply}
 */
function deleteWebhook(ctx, { params: { id } }) {
	const off = webhookManagementOff(ctx);
	if (off) {
		if (off.status === 405 && off.headers) off.headers.Allow = null;
		return off;
	}
	if (!ctx.hooks.delete(id)) return errorReply(404, 'not_found', `Webhook ${id} not found`);
	return { status: 204 };
}

module.exports = { createWebhook, listWebhooks, deleteWebhook };
