// @ts-check
'use strict';

/** Replies: the error shape every endpoint uses, and writing a Reply to a response. */

/** @typedef {import('./types').Reply} Reply */
/** @typedef {Record<string, string | number | null | undefined>} HeaderLayer */

/**
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @param {HeaderLayer} [headers]
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

/** @type {Record<number, string>} */
const CODES = {
	400: 'invalid_request',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	405: 'method_not_allowed',
	408: 'request_timeout',
	409: 'conflict',
	413: 'payload_too_large',
	429: 'rate_limited',
	500: 'internal_error',
	502: 'bad_gateway',
	503: 'service_unavailable',
	504: 'gateway_timeout',
};

/**
 * @param {number} status
 * @returns {string} the error code the service uses for it
 */
function codeForStatus(status) {
	return CODES[status] || (status >= 500 ? 'internal_error' : 'error');
}

/**
 * Sends a reply unless the response is already gone. Header layers apply in order; a null
 * value removes the header; the reply's own headers come after the first layer.
 * @param {import('http').ServerResponse} res
 * @param {Reply} reply
 * @param {...(HeaderLayer | undefined)} layers
 */
function send(res, reply, ...layers) {
	if (res.headersSent || res.writableEnded || res.destroyed || !res.socket || res.socket.destroyed)
		return;
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
	/** @param {HeaderLayer | undefined} layer */
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

module.exports = { errorReply, badRequest, codeForStatus, send };
