// @ts-check
'use strict';

/**
 * Benchwork sandbox: a local HTTP server that behaves as the Benchwork API
 * (docs/benchwork-api.md), for the tests and for trying the nodes by hand (see README.md beside
 * this file). Node built-ins only; no console output. The parts live in lib/; this file starts
 * the server and is the one entry point.
 */

const http = require('http');
const { createControl } = require('./lib/control');
const { signDelivery } = require('./lib/deliveries');
const { SandboxError } = require('./lib/errors');
const { handleRequest } = require('./lib/handler');
const { KEYS } = require('./lib/keys');
const { errorReply, send } = require('./lib/replies');
const { API_PREFIX } = require('./lib/routes');
const { createContext, stopState } = require('./lib/state');

// The public types, for the TypeScript tests (`import type { Sandbox } from '.../sandbox/server'`).
/** @typedef {import('./lib/types').Sandbox} Sandbox */
/** @typedef {import('./lib/types').SandboxOptions} SandboxOptions */
/** @typedef {import('./lib/types').SandboxConfig} SandboxConfig */
/** @typedef {import('./lib/types').SandboxStats} SandboxStats */
/** @typedef {import('./lib/types').RequestLogEntry} RequestLogEntry */
/** @typedef {import('./lib/types').FaultSpec} FaultSpec */
/** @typedef {import('./lib/types').Fault} Fault */
/** @typedef {import('./lib/types').Webhook} Webhook */
/** @typedef {import('./lib/types').DeliverOptions} DeliverOptions */
/** @typedef {import('./lib/types').DeliverResult} DeliverResult */
/** @typedef {import('./lib/types').DeliveryLogEntry} DeliveryLogEntry */
/** @typedef {import('./lib/types').WorkflowPatch} WorkflowPatch */
/** @typedef {import('./lib/seed').Execution} Execution */

/**
 * @param {string} host
 * @param {number} port
 */
function originOf(host, port) {
	const urlHost =
		host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	return `http://${urlHost}:${port}`;
}

/**
 * Starts a sandbox server (port 0 = any free port).
 * @param {SandboxOptions} [options]
 * @returns {Promise<Sandbox>}
 */
async function startSandbox(options = {}) {
	const ctx = createContext(options);
	const host = options.host || '127.0.0.1';
	/** @type {Set<import('net').Socket>} */
	const sockets = new Set();
	/** @type {Promise<void> | null} */
	let closing = null;
	/** @type {Sandbox} */
	let sandbox; // assigned once listening, before any request can arrive

	const server = http.createServer((req, res) => {
		handleRequest(ctx, sandbox, req, res).catch((e) => {
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

	await /** @type {Promise<void>} */ (
		new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port || 0, host, () => {
				server.off('error', reject);
				resolve();
			});
		})
	);
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : Number(options.port);
	const origin = originOf(host, port);

	sandbox = {
		server,
		port,
		origin,
		baseUrl: `${origin}${API_PREFIX}`,
		keys: KEYS,
		close() {
			if (closing) return closing;
			stopState(ctx);
			closing = new Promise((resolve) => {
				server.close(() => resolve());
				if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
				for (const s of sockets) s.destroy();
				sockets.clear();
			});
			return closing;
		},
		...createControl(ctx),
	};
	return sandbox;
}

module.exports = { startSandbox, KEYS, signDelivery, SandboxError };
