// @ts-check
'use strict';

/** Reading request bodies, with the size limit the API enforces (413 above it). */

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request body (at most MAX_BODY_BYTES are kept).
 * @param {import('http').IncomingMessage} req
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

module.exports = { MAX_BODY_BYTES, readBody };
