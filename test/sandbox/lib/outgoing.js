// @ts-check
'use strict';

/** One POST to a webhook receiver, tracked so close() can abort it; never throws. */

const http = require('http');
const https = require('https');
const { URL } = require('url');
const { MAX_BODY_BYTES } = require('./requestBody');

/** @typedef {{ status: number | null, body: string | null, error: string | null }} PostResult */

/**
 * @param {import('./state').Context} ctx
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {string} body
 * @returns {Promise<PostResult>} status null and an error on a network error or timeout
 */
function post(ctx, url, headers, body) {
	return new Promise((resolve) => {
		let settled = false;
		/** @type {http.ClientRequest | undefined} */
		let req;
		/** @param {PostResult} r */
		const done = (r) => {
			if (settled) return;
			settled = true;
			if (req) ctx.outgoing.delete(req);
			resolve(r);
		};
		if (ctx.closed) return done({ status: null, body: null, error: 'sandbox closed' });
		let u;
		try {
			u = new URL(url);
		} catch {
			return done({ status: null, body: null, error: `invalid url ${url}` });
		}
		const mod = u.protocol === 'https:' ? https : http;
		const timeoutMs = ctx.config.deliveryTimeoutMs;
		try {
			req = mod.request(u, {
				method: 'POST',
				agent: false,
				headers: {
					...headers,
					'Content-Length': String(Buffer.byteLength(body)),
					Connection: 'close',
				},
				timeout: timeoutMs,
			});
		} catch (e) {
			return done({ status: null, body: null, error: e instanceof Error ? e.message : String(e) });
		}
		const r = req;
		ctx.outgoing.add(r);
		r.on('timeout', () => r.destroy(new Error(`timed out after ${timeoutMs} ms`)));
		r.on('error', (e) => done({ status: null, body: null, error: e.message }));
		r.on('response', (res) => {
			/** @type {Buffer[]} */
			const chunks = [];
			let size = 0;
			res.on('data', (/** @type {Buffer} */ c) => {
				size += c.length;
				if (size <= MAX_BODY_BYTES) chunks.push(c);
			});
			res.on('end', () =>
				done({
					status: res.statusCode || null,
					body: Buffer.concat(chunks).toString('utf8'),
					error: null,
				}),
			);
			res.on('error', (e) =>
				done({ status: res.statusCode || null, body: null, error: e.message }),
			);
			res.on('close', () =>
				done({
					status: res.statusCode || null,
					body: Buffer.concat(chunks).toString('utf8'),
					error: null,
				}),
			);
		});
		r.end(body);
	});
}

module.exports = { post };
