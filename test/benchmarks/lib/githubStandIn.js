'use strict';
// A small local stand-in of GitHub's repository hooks API, so that n8n's own GitHub Trigger can
// register a webhook and be measured beside the Benchwork Trigger. It answers exactly what the
// GitHub Trigger of n8n-nodes-base 2.41.1 (dist/nodes/Github/GithubTrigger.node.js) asks while
// it is activated and deactivated, through its githubApi credential's `server` field:
//   checkExists  GET    /repos/:owner/:repo/hooks/:id   200 the hook, or 404 (only after a create)
//   create       POST   /repos/:owner/:repo/hooks       201 { id, active: true, events, config }
//                       (it sends config.url and config.secret; on 422 it would GET and PATCH)
//   delete       DELETE /repos/:owner/:repo/hooks/:id   204
// plus GET /repos/:owner/:repo/hooks (the list), and PATCH /repos/:owner/:repo/hooks/:id. The
// secret is kept so the benchmark can sign deliveries as GitHub does (X-Hub-Signature-256:
// sha256= + hex HMAC-SHA256 of the raw body), and is never given back in an answer, as GitHub.
const http = require('http');
const crypto = require('crypto');

/** X-Hub-Signature-256 of `rawBody` with `secret`. */
function signGithub(secret, rawBody) {
	return `sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** A hook as GitHub answers it: without the secret. */
function publicHook(hook) {
	const { secret, ...config } = hook.config;
	return { ...hook, config: { ...config, secret: secret ? '********' : undefined } };
}

/** startGithubStandIn() -> { origin, hooks(), requests, stop() } on a free loopback port. */
async function startGithubStandIn() {
	const hooks = new Map();
	const requests = [];
	let nextId = 1000;
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body = {};
			try {
				body = text ? JSON.parse(text) : {};
			} catch {
				/* not JSON: answered 422 below when it matters */
			}
			const { pathname } = new URL(req.url, 'http://stand-in');
			requests.push({ method: req.method, path: pathname });
			const send = (status, json) => {
				res.writeHead(status, { 'Content-Type': 'application/json' });
				res.end(json === undefined ? '' : JSON.stringify(json));
			};
			const list = pathname.match(/^\/repos\/[^/]+\/[^/]+\/hooks$/);
			const one = pathname.match(/^\/repos\/[^/]+\/[^/]+\/hooks\/(\d+)$/);
			if (list && req.method === 'GET') return send(200, [...hooks.values()].map(publicHook));
			if (list && req.method === 'POST') {
				if (!body.config || typeof body.config.url !== 'string')
					return send(422, { message: 'Validation Failed' });
				const hook = {
					id: nextId++,
					name: body.name || 'web',
					active: body.active !== false,
					events: body.events || ['push'],
					config: body.config,
				};
				hooks.set(hook.id, hook);
				return send(201, publicHook(hook));
			}
			const hook = one && hooks.get(Number(one[1]));
			if (one && !hook) return send(404, { message: 'Not Found' });
			if (one && req.method === 'GET') return send(200, publicHook(hook));
			if (one && req.method === 'PATCH') {
				Object.assign(hook, {
					config: body.config || hook.config,
					events: body.events || hook.events,
					active: body.active !== false,
				});
				return send(200, publicHook(hook));
			}
			if (one && req.method === 'DELETE') {
				hooks.delete(hook.id);
				return send(204);
			}
			return send(404, { message: 'Not Found' });
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		origin: `http://127.0.0.1:${server.address().port}`,
		/** The hooks as registered, secrets included. */
		hooks: () => [...hooks.values()],
		requests,
		stop: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections(); // n8n may keep a connection open
			}),
	};
}

module.exports = { startGithubStandIn, signGithub };
