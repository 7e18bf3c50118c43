// @ts-check
'use strict';

/**
 * One HTTP request, in the service's order of checks: /_sandbox goes to the control API; an API
 * request is logged, then 401 (key) -> rate limit (429) -> 403 (starter) -> fault -> endpoint.
 */

const { handleControl } = require('./controlHttp');
const { takeFault, isPureDelay, faultReply } = require('./faults');
const { isRewrite, rewriteReply } = require('./hostile');
const { ENTERPRISE_KEYS, parseKey } = require('./keys');
const { takeRateLimit } = require('./rateLimit');
const { readBody } = require('./requestBody');
const { badRequest, errorReply, send } = require('./replies');
const { findRoute, segmentsOf } = require('./router');
const { API_PREFIX, API_ROUTES, CONTROL_PREFIX } = require('./routes');
const { MAX_BODY_BYTES } = require('./requestBody');
const { sleep } = require('./state');
const { URLSearchParams } = require('url');
const { increment } = require('./values');

/** @typedef {import('./state').Context} Context */

const MAX_LOGGED_REQUESTS = 10000;

/**
 * @param {Context} ctx
 * @param {import('./types').Sandbox} sandbox the control API (for /_sandbox) and its addresses
 * @param {import('http').IncomingMessage} req
 * @param {import('http').ServerResponse} res
 */
async function handleRequest(ctx, sandbox, req, res) {
	const rawUrl = req.url || '/';
	const qi = rawUrl.indexOf('?');
	const rawPath = qi < 0 ? rawUrl : rawUrl.slice(0, qi);
	const method = (req.method || 'GET').toUpperCase();
	const body = await readBody(req);
	if (body.aborted) return;

	if (rawPath === CONTROL_PREFIX || rawPath.startsWith(`${CONTROL_PREFIX}/`)) {
		return handleControl(ctx, sandbox, res, method, rawPath.slice(CONTROL_PREFIX.length), body);
	}

	/** @type {import('./types').RequestLogEntry} */
	const entry = { method, path: rawPath, url: rawUrl, status: null, at: ctx.now(), key: null };
	const log = ctx.stats.requests;
	log.push(entry);
	if (log.length > MAX_LOGGED_REQUESTS) log.splice(0, log.length - MAX_LOGGED_REQUESTS);
	res.on('finish', () => {
		entry.status = res.statusCode;
	});

	if (!(rawPath === API_PREFIX || rawPath.startsWith(`${API_PREFIX}/`))) {
		if (rawPath === '/' && method === 'GET') {
			return send(res, {
				status: 200,
				json: {
					name: 'Benchwork sandbox',
					baseUrl: sandbox.baseUrl,
					control: `${sandbox.origin}${CONTROL_PREFIX}`,
				},
			});
		}
		return send(res, errorReply(404, 'not_found', `No such endpoint: ${method} ${rawPath}`));
	}

	const key = parseKey(req.headers.authorization);
	if (!key)
		return send(
			res,
			errorReply(
				401,
				'unauthorized',
				'Missing or invalid API key (expected Authorization: Bearer bw_live_...)',
			),
		);
	entry.key = key;

	const rl = takeRateLimit(ctx, key, ENTERPRISE_KEYS.has(key));
	if (rl.limited) {
		ctx.stats.rateLimited++;
		const { limit, windowMs } = ctx.config.rateLimit;
		const message = `Rate limit of ${limit} requests per ${windowMs} ms exceeded; retry after ${rl.headers['Retry-After']} s`;
		return send(res, errorReply(429, 'rate_limited', message), rl.headers);
	}
	if (!ENTERPRISE_KEYS.has(key)) {
		return send(
			res,
			errorReply(
				403,
				'plan_required',
				'API access requires an Enterprise plan. Upgrade under Settings → Billing.',
			),
			rl.headers,
		);
	}

	const seg = segmentsOf(rawPath.slice(API_PREFIX.length));
	if (!seg) return send(res, badRequest('path contains invalid percent-encoding'), rl.headers);
	const query = new URLSearchParams(qi < 0 ? '' : rawUrl.slice(qi + 1));
	const found = findRoute(API_ROUTES, method, seg);
	const triggerId = found.route && found.route.triggerAttempt ? found.params.id : null;
	// Once per request, whether the endpoint or a fault (or both) handled it.
	let attemptCounted = false;
	const countAttempt = () => {
		if (triggerId !== null && !attemptCounted) {
			attemptCounted = true;
			increment(ctx.stats.triggerAttempts, triggerId);
		}
	};
	/** @returns {import('./types').Reply} */
	const run = () => {
		countAttempt();
		if (body.tooLarge)
			return errorReply(413, 'payload_too_large', `body must be at most ${MAX_BODY_BYTES} bytes`);
		if (found.route)
			return found.route.handler(ctx, {
				params: found.params,
				query,
				body,
				headers: req.headers,
				key,
			});
		const allow = found.allowed.filter((r) => !r.offered || r.offered(ctx)).map((r) => r.method);
		if (allow.length)
			return errorReply(
				405,
				'method_not_allowed',
				`${method} is not allowed here (allowed: ${allow.join(', ')})`,
				{ Allow: allow.join(', ') },
			);
		return errorReply(
			404,
			'not_found',
			`No such endpoint: ${method} ${API_PREFIX}/${seg.map(encodeURIComponent).join('/')}`,
		);
	};

	const fault = takeFault(ctx.faults, method, rawUrl);
	if (!fault) return send(res, run(), rl.headers);

	countAttempt();
	if (isRewrite(fault)) {
		if (fault.delayMs && !(await sleep(ctx, fault.delayMs, 'request'))) return;
		const reply = rewriteReply(run(), fault, { headers: req.headers, key });
		return send(res, reply, rl.headers, fault.headers);
	}
	if (isPureDelay(fault)) {
		// A slow server: the real endpoint runs after the pause.
		if (!(await sleep(ctx, fault.delayMs || 0, 'request'))) return;
		return send(res, run(), rl.headers, fault.headers);
	}
	if (fault.afterHandling) run();
	if (fault.delayMs && !(await sleep(ctx, fault.delayMs, 'request'))) return;
	if (fault.drop) {
		req.socket.destroy();
		return;
	}
	return send(res, faultReply(fault), rl.headers, fault.headers);
}

module.exports = { handleRequest };
