// @ts-check
'use strict';

/* Self-test of the Benchwork sandbox server (test/sandbox/server.js), over real HTTP. */

const http = require('http');
const crypto = require('crypto');
const { startSandbox, KEYS, signDelivery } = require('./server');

/** @typedef {Awaited<ReturnType<typeof startSandbox>>} Sandbox */

/**
 * @param {Sandbox} sb
 * @param {string} path after /api/v1
 * @param {{ method?: string, key?: string | null, body?: unknown, raw?: string }} [opts]
 */
async function api(sb, path, opts = {}) {
	/** @type {Record<string, string>} */
	const headers = {};
	const key = opts.key === undefined ? KEYS.enterprise : opts.key;
	if (key !== null) headers.Authorization = `Bearer ${key}`;
	/** @type {string | undefined} */
	let body = opts.raw;
	if (opts.body !== undefined) {
		body = JSON.stringify(opts.body);
		headers['Content-Type'] = 'application/json';
	}
	const res = await fetch(`${sb.baseUrl}${path}`, { method: opts.method || 'GET', headers, body });
	const text = await res.text();
	/** @type {any} */
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

/**
 * @param {Sandbox} sb
 * @param {string} method
 * @param {string} path after /_sandbox
 * @param {unknown} [body]
 */
async function ctl(sb, method, path, body) {
	const res = await fetch(`${sb.origin}/_sandbox${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/**
 * A local webhook receiver. `answer` decides each response status.
 * @param {(n: number) => number} [answer]
 */
async function startReceiver(answer = () => 200) {
	/** @type {{ headers: http.IncomingHttpHeaders, raw: string }[]} */
	const received = [];
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(answer(received.length), {
				'Content-Type': 'application/json',
				Connection: 'close',
			});
			res.end(JSON.stringify({ got: received.length }));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const addr = /** @type {import('net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${addr.port}/hook`,
		received,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			}),
	};
}

/**
 * @param {string} secret
 * @param {{ headers: http.IncomingHttpHeaders, raw: string }} delivery
 */
function verifies(secret, delivery) {
	const ts = String(delivery.headers['x-benchwork-timestamp']);
	const sig = String(delivery.headers['x-benchwork-signature']);
	const expected = `sha256=${crypto.createHmac('sha256', secret).update(`${ts}.${delivery.raw}`).digest('hex')}`;
	return (
		sig.length === expected.length &&
		crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(expected))
	);
}

describe('Benchwork sandbox', () => {
	/** @type {Sandbox} */
	let sb;

	beforeAll(async () => {
		sb = await startSandbox({ executionDelayMs: 150, deliveryRetryDelayMs: 50 });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	test('exposes its addresses and keys', () => {
		expect(sb.baseUrl).toBe(`http://127.0.0.1:${sb.port}/api/v1`);
		expect(sb.origin).toBe(`http://127.0.0.1:${sb.port}`);
		expect(KEYS).toEqual({
			enterprise: 'bw_live_sandbox_enterprise',
			enterprise2: 'bw_live_sandbox_enterprise_2',
			starter: 'bw_live_sandbox_starter',
		});
	});

	describe('auth', () => {
		test('missing, malformed and unknown keys get 401 without rate-limit headers', async () => {
			for (const key of [null, 'nope', 'bw_live_unknown']) {
				const r = await api(sb, '/workflows', { key });
				expect(r.status).toBe(401);
				expect(r.json.error.code).toBe('unauthorized');
				expect(typeof r.json.error.message).toBe('string');
				expect(r.headers.get('x-ratelimit-limit')).toBeNull();
			}
			const basic = await fetch(`${sb.baseUrl}/workflows`, {
				headers: { Authorization: `Basic ${KEYS.enterprise}` },
			});
			expect(basic.status).toBe(401);
		});

		test('the starter key gets 403 plan_required with rate-limit headers', async () => {
			const r = await api(sb, '/workflows', { key: KEYS.starter });
			expect(r.status).toBe(403);
			expect(r.json.error.code).toBe('plan_required');
			expect(r.headers.get('x-ratelimit-limit')).toBe('60');
			expect(r.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
			const t = await api(sb, '/workflows/wf_orders_sync/trigger', {
				key: KEYS.starter,
				method: 'POST',
			});
			expect(t.status).toBe(403);
			expect(sb.stats().executionsStarted).toEqual({});
		});
	});

	describe('workflows and executions', () => {
		test('lists and filters workflows; hides internal fields', async () => {
			const all = await api(sb, '/workflows?limit=100');
			expect(all.status).toBe(200);
			expect(all.json.workflows).toHaveLength(12);
			expect(new Set(all.json.workflows.map((/** @type {any} */ w) => w.status))).toEqual(
				new Set(['active', 'paused', 'draft']),
			);
			expect(Object.keys(all.json.workflows[0]).sort()).toEqual([
				'createdAt',
				'description',
				'id',
				'name',
				'status',
				'storeId',
				'updatedAt',
			]);
			const dflt = await api(sb, '/workflows');
			expect(dflt.json.workflows.length).toBeLessThanOrEqual(20);
			const eu = await api(sb, '/workflows?storeId=store_eu&status=active');
			expect(eu.json.workflows.length).toBeGreaterThan(0);
			for (const w of eu.json.workflows)
				expect([w.storeId, w.status]).toEqual(['store_eu', 'active']);
			const two = await api(sb, '/workflows?limit=2');
			expect(two.json.workflows).toHaveLength(2);
			const one = await api(sb, '/workflows/wf_newsletter');
			expect(one.json).toMatchObject({ id: 'wf_newsletter', status: 'paused' });
		});

		test('bad query parameters are 400 naming the parameter', async () => {
			for (const q of ['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'limit=']) {
				const r = await api(sb, `/workflows?${q}`);
				expect(r.status).toBe(400);
				expect(r.json.error.message).toBe('limit must be an integer between 1 and 100');
			}
			const st = await api(sb, '/workflows?status=running');
			expect(st.status).toBe(400);
			expect(st.json.error.message).toMatch(/^status /);
			const unk = await api(sb, '/workflows?foo=1');
			expect(unk.status).toBe(400);
			expect(unk.json.error.message).toContain('foo');
			const ex = await api(sb, '/executions?status=active');
			expect(ex.status).toBe(400);
			expect(ex.json.error.message).toMatch(/^status /);
			expect(ex.headers.get('x-ratelimit-remaining')).not.toBeNull();
		});

		test('404s, also for ids containing an encoded slash', async () => {
			const r = await api(sb, '/workflows/wf_nope');
			expect(r.status).toBe(404);
			expect(r.json.error.code).toBe('not_found');
			expect((await api(sb, '/workflows/wf_orders_sync%2Ftrigger')).status).toBe(404);
			expect((await api(sb, '/executions/exe_nope')).status).toBe(404);
			const t = await api(sb, '/workflows/wf_orders_sync%2Fx/trigger', { method: 'POST' });
			expect(t.status).toBe(404);
			expect(sb.stats().triggerAttempts).toEqual({ 'wf_orders_sync/x': 1 });
		});

		test('executions are seeded, filtered and newest first', async () => {
			const all = await api(sb, '/executions?limit=100');
			expect(all.json.executions.length).toBeGreaterThanOrEqual(35);
			const times = all.json.executions.map((/** @type {any} */ e) => Date.parse(e.startedAt));
			expect([...times].sort((a, b) => b - a)).toEqual(times);
			expect((await api(sb, '/executions')).json.executions).toHaveLength(20);
			const failed = await api(sb, '/executions?workflowId=wf_flaky_payments&status=failed');
			expect(failed.json.executions.length).toBeGreaterThan(0);
			for (const e of failed.json.executions) {
				expect(e).toMatchObject({ workflowId: 'wf_flaky_payments', status: 'failed' });
				expect(e.error).toEqual({
					message: 'Step "Charge card" failed: card_declined',
					step: 'Charge card',
				});
			}
			expect((await api(sb, '/executions?status=running')).json.executions).toEqual([]);
		});

		test('trigger creates a running execution that finishes', async () => {
			const r = await api(sb, '/workflows/wf_orders_sync/trigger', {
				method: 'POST',
				body: { payload: { orderId: 7 } },
			});
			expect(r.status).toBe(201);
			const id = r.json.executionId;
			expect(typeof id).toBe('string');
			const first = await api(sb, `/executions/${id}`);
			expect(first.json).toMatchObject({
				id,
				workflowId: 'wf_orders_sync',
				status: 'running',
				finishedAt: null,
				payload: { orderId: 7 },
				trigger: 'api',
			});
			const newest = await api(sb, '/executions?limit=1');
			expect(newest.json.executions[0].id).toBe(id);
			const done = await sb.waitFor(async () => {
				const e = (await api(sb, `/executions/${id}`)).json;
				return e.status !== 'running' && e;
			}, 5000);
			expect(done.status).toBe('success');
			expect(typeof done.finishedAt).toBe('string');
			expect(typeof done.durationMs).toBe('number');
			expect(done.nodeResults.length).toBeGreaterThan(0);
			expect(sb.stats().executionsStarted).toEqual({ wf_orders_sync: 1 });
			expect(sb.stats().triggerAttempts).toEqual({ wf_orders_sync: 1 });

			const flaky = await api(sb, '/workflows/wf_flaky_payments/trigger', {
				method: 'POST',
				raw: '',
			});
			expect(flaky.status).toBe(201);
			const failed = await sb.waitFor(async () => {
				const e = (await api(sb, `/executions/${flaky.json.executionId}`)).json;
				return e.status !== 'running' && e;
			});
			expect(failed.status).toBe('failed');
			expect(failed.error.message).toBe('Step "Charge card" failed: card_declined');
		});

		test('trigger validation', async () => {
			const paused = await api(sb, '/workflows/wf_newsletter/trigger', {
				method: 'POST',
				body: {},
			});
			expect(paused.status).toBe(400);
			expect(paused.json.error.code).toBe('workflow_not_active');
			expect(paused.json.error.message).toMatch(/^Workflow wf_newsletter is paused; /);
			const draft = await api(sb, '/workflows/wf_draft_import/trigger', { method: 'POST' });
			expect(draft.json.error.code).toBe('workflow_not_active');
			const notJson = await api(sb, '/workflows/wf_orders_sync/trigger', {
				method: 'POST',
				raw: '{oops',
			});
			expect(notJson.status).toBe(400);
			const arr = await api(sb, '/workflows/wf_orders_sync/trigger', {
				method: 'POST',
				body: { payload: [1] },
			});
			expect(arr.status).toBe(400);
			expect(arr.json.error.message).toContain('payload');
			const missing = await api(sb, '/workflows/wf_missing/trigger', { method: 'POST', body: {} });
			expect(missing.status).toBe(404);
			expect(sb.stats().executionsStarted).toEqual({});
			expect(sb.stats().triggerAttempts).toEqual({
				wf_newsletter: 1,
				wf_draft_import: 1,
				wf_orders_sync: 2,
				wf_missing: 1,
			});
		});

		test('a workflow with durationMs null runs until finished by control', async () => {
			const r = await api(sb, '/workflows/wf_long_report/trigger', { method: 'POST' });
			const id = r.json.executionId;
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect((await api(sb, `/executions/${id}`)).json.status).toBe('running');
			const finished = await sb.finishExecution(id, {
				status: 'failed',
				error: { message: 'boom', step: 'Render PDF' },
			});
			expect(finished).toMatchObject({
				status: 'failed',
				error: { message: 'boom', step: 'Render PDF' },
			});
			expect((await api(sb, `/executions/${id}`)).json.status).toBe('failed');
			await expect(sb.finishExecution(id, { status: 'success' })).rejects.toThrow(
				/already finished/,
			);
			expect(sb.stats().executionsStarted).toEqual({ wf_long_report: 1 });
		});
	});

	describe('rate limiting', () => {
		test('429 after the limit, with headers; each key its own window', async () => {
			sb.configure({ rateLimit: { limit: 3, windowMs: 600000 } });
			const remaining = [];
			for (let i = 0; i < 3; i++) {
				const r = await api(sb, '/workflows?limit=1');
				expect(r.status).toBe(200);
				remaining.push(r.headers.get('x-ratelimit-remaining'));
			}
			expect(remaining).toEqual(['2', '1', '0']);
			const before = Date.now();
			const r = await api(sb, '/workflows');
			expect(r.status).toBe(429);
			expect(r.json.error.code).toBe('rate_limited');
			expect(r.headers.get('x-ratelimit-limit')).toBe('3');
			expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
			const reset = Number(r.headers.get('x-ratelimit-reset'));
			const windowEnd = (Math.floor(before / 600000) + 1) * 600000;
			expect([reset, reset - 600]).toContain(Math.ceil(windowEnd / 1000));
			const retryAfter = Number(r.headers.get('retry-after'));
			expect(Number.isInteger(retryAfter)).toBe(true);
			expect(retryAfter).toBeGreaterThanOrEqual(1);
			expect(retryAfter).toBeLessThanOrEqual(600);
			// a refused trigger is not an attempt
			const t = await api(sb, '/workflows/wf_orders_sync/trigger', { method: 'POST' });
			expect(t.status).toBe(429);
			expect(sb.stats().triggerAttempts).toEqual({});
			expect(sb.stats().rateLimited).toBe(2);
			for (let i = 0; i < 4; i++)
				expect((await api(sb, '/workflows', { key: KEYS.starter })).status).toBe(403);
			const other = await api(sb, '/workflows', { key: KEYS.enterprise2 });
			expect(other.status).toBe(200);
			expect(other.headers.get('x-ratelimit-remaining')).toBe('2');
		});

		test('windows are aligned to multiples of windowMs (injected clock)', async () => {
			let t = 1700000012345;
			const fixed = await startSandbox({ now: () => t, rateLimit: { limit: 2, windowMs: 10000 } });
			try {
				const a = await api(fixed, '/workflows');
				expect(a.headers.get('x-ratelimit-reset')).toBe('1700000020');
				expect(a.headers.get('x-ratelimit-remaining')).toBe('1');
				await api(fixed, '/workflows');
				const c = await api(fixed, '/workflows');
				expect(c.status).toBe(429);
				expect(c.headers.get('retry-after')).toBe('8');
				t = 1700000019999;
				const d = await api(fixed, '/workflows');
				expect(d.headers.get('retry-after')).toBe('1');
				t = 1700000020000;
				const e = await api(fixed, '/workflows');
				expect(e.status).toBe(200);
				expect(e.headers.get('x-ratelimit-reset')).toBe('1700000030');
				expect(e.headers.get('x-ratelimit-remaining')).toBe('1');
			} finally {
				await fixed.close();
			}
		});

		test('fractionalSeconds sends the reset and Retry-After with milliseconds, for sub-second windows', async () => {
			let t = 1700000012345;
			const fixed = await startSandbox({
				now: () => t,
				rateLimit: { limit: 1, windowMs: 250, fractionalSeconds: true },
			});
			try {
				const a = await api(fixed, '/workflows');
				expect(a.headers.get('x-ratelimit-reset')).toBe('1700000012.5');
				t = 1700000012400;
				const b = await api(fixed, '/workflows');
				expect(b.status).toBe(429);
				expect(b.headers.get('retry-after')).toBe('0.1');
				expect(fixed.configure().rateLimit).toEqual({
					limit: 1,
					windowMs: 250,
					fractionalSeconds: true,
				});
				expect(() =>
					fixed.configure({ rateLimit: { fractionalSeconds: /** @type {any} */ ('yes') } }),
				).toThrow(/fractionalSeconds must be a boolean/);
			} finally {
				await fixed.close();
			}
		});
	});

	describe('faults', () => {
		test('a status fault replaces the answer once and counts as a trigger attempt', async () => {
			sb.addFault({
				path: '/trigger',
				status: 503,
				body: '<html>bad gateway</html>',
				contentType: 'text/html',
			});
			const r = await api(sb, '/workflows/wf_orders_sync/trigger', { method: 'POST' });
			expect(r.status).toBe(503);
			expect(r.text).toBe('<html>bad gateway</html>');
			expect(r.headers.get('content-type')).toBe('text/html');
			expect(r.headers.get('x-ratelimit-limit')).toBe('60');
			const again = await api(sb, '/workflows/wf_orders_sync/trigger', { method: 'POST' });
			expect(again.status).toBe(201);
			expect(sb.stats().triggerAttempts).toEqual({ wf_orders_sync: 2 });
			expect(sb.stats().executionsStarted).toEqual({ wf_orders_sync: 1 });
		});

		test('afterHandling runs the real handler, then answers with the fault', async () => {
			sb.addFault({ method: 'POST', path: '/trigger', status: 500, afterHandling: true });
			const r = await api(sb, '/workflows/wf_orders_sync/trigger', { method: 'POST' });
			expect(r.status).toBe(500);
			expect(r.json.error.code).toBe('internal_error');
			expect(sb.stats().executionsStarted).toEqual({ wf_orders_sync: 1 });
			expect(sb.stats().triggerAttempts).toEqual({ wf_orders_sync: 1 });
		});

		test('drop destroys the socket without answering', async () => {
			sb.addFault({ path: '/trigger', drop: true });
			await expect(
				fetch(`${sb.baseUrl}/workflows/wf_orders_sync/trigger`, {
					method: 'POST',
					headers: { Authorization: `Bearer ${KEYS.enterprise}` },
				}),
			).rejects.toThrow();
			const s = sb.stats();
			expect(s.triggerAttempts).toEqual({ wf_orders_sync: 1 });
			expect(s.executionsStarted).toEqual({});
			expect(s.requests[s.requests.length - 1].status).toBeNull();
		});

		test('delayMs slows the answer; times: 0 is forever; clearFaults removes them', async () => {
			sb.addFault({ path: '/workflows', method: 'GET', delayMs: 300, times: 0 });
			for (let i = 0; i < 2; i++) {
				const t0 = Date.now();
				const r = await api(sb, '/workflows');
				expect(r.status).toBe(200);
				expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
			}
			sb.clearFaults();
			expect(sb.faults()).toEqual([]);
			const r = await api(sb, '/workflows');
			expect(r.status).toBe(200);
		});
	});

	describe('webhooks', () => {
		test('create, list (no secrets), delete', async () => {
			const bad = [
				{ url: 'ftp://x', events: ['execution.failed'], secret: 's' },
				{ url: 'http://x.test/h', events: [], secret: 's' },
				{ url: 'http://x.test/h', events: ['execution.started'], secret: 's' },
				{ url: 'http://x.test/h', events: ['execution.failed'], secret: '' },
			];
			const names = ['url', 'events', 'events', 'secret'];
			for (let i = 0; i < bad.length; i++) {
				const r = await api(sb, '/webhooks', { method: 'POST', body: bad[i] });
				expect(r.status).toBe(400);
				expect(r.json.error.message).toMatch(new RegExp(`^${names[i]} `));
			}
			const c = await api(sb, '/webhooks', {
				method: 'POST',
				body: { url: 'https://x.test/h', events: ['execution.completed'], secret: 'sh' },
			});
			expect(c.status).toBe(201);
			const id = c.json.webhookId;
			const list = await api(sb, '/webhooks');
			expect(list.json.webhooks).toEqual([
				{
					webhookId: id,
					url: 'https://x.test/h',
					events: ['execution.completed'],
					createdAt: expect.any(String),
				},
			]);
			expect(sb.webhooks()[0].secret).toBe('sh');
			expect((await api(sb, `/webhooks/${id}`, { method: 'DELETE' })).status).toBe(204);
			expect((await api(sb, `/webhooks/${id}`, { method: 'DELETE' })).status).toBe(404);
			expect((await api(sb, '/webhooks')).json.webhooks).toEqual([]);
		});

		test('webhookManagement 404 / 405', async () => {
			sb.configure({ webhookManagement: '405' });
			expect((await api(sb, '/webhooks')).status).toBe(405);
			expect((await api(sb, '/webhooks/wh_x', { method: 'DELETE' })).status).toBe(405);
			sb.configure({ webhookManagement: '404' });
			expect((await api(sb, '/webhooks')).status).toBe(404);
			const c = await api(sb, '/webhooks', {
				method: 'POST',
				body: { url: 'http://x.test/h', events: ['execution.failed'], secret: 's' },
			});
			expect(c.status).toBe(201);
			expect((await api(sb, `/webhooks/${c.json.webhookId}`, { method: 'DELETE' })).status).toBe(
				404,
			);
		});

		test('deliveries are signed, retried with the same id, and logged', async () => {
			const receiver = await startReceiver((n) => (n === 1 ? 500 : 200));
			try {
				const c = await api(sb, '/webhooks', {
					method: 'POST',
					body: { url: receiver.url, events: ['execution.failed'], secret: 'topsecret' },
				});
				await api(sb, '/webhooks', {
					method: 'POST',
					body: { url: receiver.url, events: ['execution.completed'], secret: 'other' },
				});
				const t = await api(sb, '/workflows/wf_flaky_payments/trigger', {
					method: 'POST',
					body: { payload: { invoiceId: 'inv_1' } },
				});
				await sb.waitFor(() => receiver.received.length >= 2, 5000);
				const [d1, d2] = receiver.received;
				expect(d1.headers['content-type']).toBe('application/json');
				expect(d1.headers['x-benchwork-event']).toBe('execution.failed');
				expect(String(d1.headers['x-benchwork-delivery'])).toMatch(/^dlv_/);
				expect(d2.headers['x-benchwork-delivery']).toBe(d1.headers['x-benchwork-delivery']);
				expect(String(d1.headers['x-benchwork-timestamp'])).toMatch(/^\d{10}$/);
				expect(verifies('topsecret', d1)).toBe(true);
				expect(verifies('wrong', d1)).toBe(false);
				expect(d1.headers['x-benchwork-signature']).toBe(
					signDelivery('topsecret', String(d1.headers['x-benchwork-timestamp']), d1.raw),
				);
				const body = JSON.parse(d1.raw);
				expect(body).toMatchObject({
					event: 'execution.failed',
					deliveryId: d1.headers['x-benchwork-delivery'],
					execution: { id: t.json.executionId, status: 'failed' },
				});
				expect(typeof body.createdAt).toBe('string');
				await sb.waitFor(() => sb.deliveries().length >= 2);
				expect(sb.deliveries().map((d) => [d.webhookId, d.attempt, d.status])).toEqual([
					[c.json.webhookId, 1, 500],
					[c.json.webhookId, 2, 200],
				]);
			} finally {
				await receiver.close();
			}
		});

		test('gives up after deliveryRetries; deliver() signs and can tamper', async () => {
			const receiver = await startReceiver(() => 500);
			try {
				sb.configure({ deliveryRetries: 1, deliveryRetryDelayMs: 10 });
				const c = await api(sb, '/webhooks', {
					method: 'POST',
					body: { url: receiver.url, events: ['execution.completed'], secret: 'k' },
				});
				const t = await api(sb, '/workflows/wf_long_report/trigger', { method: 'POST' });
				await sb.finishExecution(t.json.executionId, { status: 'success' });
				expect(receiver.received).toHaveLength(2);
				expect(sb.deliveries().map((d) => d.attempt)).toEqual([1, 2]);

				const ok = await sb.deliver({ webhookId: c.json.webhookId });
				expect(ok).toMatchObject({
					status: 500,
					body: { got: 3 },
					deliveryId: expect.stringMatching(/^dlv_/),
				});
				expect(verifies('k', receiver.received[2])).toBe(true);
				await sb.deliver({ webhookId: c.json.webhookId, tamper: { secret: 'forged' } });
				expect(verifies('k', receiver.received[3])).toBe(false);
				await sb.deliver({ webhookId: c.json.webhookId, tamper: { timestamp: 1000000000 } });
				expect(receiver.received[4].headers['x-benchwork-timestamp']).toBe('1000000000');
				expect(verifies('k', receiver.received[4])).toBe(true);
				await sb.deliver({
					webhookId: c.json.webhookId,
					tamper: { body: '{"x":1}', omitHeaders: ['X-Benchwork-Event'] },
				});
				expect(receiver.received[5].raw).toBe('{"x":1}');
				expect(receiver.received[5].headers['x-benchwork-event']).toBeUndefined();
				expect(verifies('k', receiver.received[5])).toBe(false);
				await expect(sb.deliver({ webhookId: 'wh_nope' })).rejects.toThrow(/not found/);
			} finally {
				await receiver.close();
			}
		});
	});

	describe('control over HTTP', () => {
		test('config, faults, stats, workflows, finish, webhooks, deliver, echo, reset', async () => {
			const cfg = await ctl(sb, 'POST', '/config', {
				rateLimit: { limit: 5 },
				executionDelayMs: 50,
			});
			expect(cfg.status).toBe(200);
			expect(cfg.json).toMatchObject({
				rateLimit: { limit: 5, windowMs: 60000 },
				executionDelayMs: 50,
			});
			expect((await ctl(sb, 'POST', '/config', { nope: 1 })).status).toBe(400);
			expect((await api(sb, '/workflows')).headers.get('x-ratelimit-limit')).toBe('5');

			const wf = await ctl(sb, 'PUT', '/workflows/wf_custom', {
				name: 'Custom',
				outcome: 'failed',
				durationMs: null,
			});
			expect(wf.status).toBe(200);
			expect(wf.json).toMatchObject({
				id: 'wf_custom',
				status: 'active',
				outcome: 'failed',
				durationMs: null,
			});
			expect((await api(sb, '/workflows/wf_custom')).json).not.toHaveProperty('outcome');

			const f = await ctl(sb, 'POST', '/faults', { path: '/executions', status: 502, times: 1 });
			expect(f.status).toBe(201);
			expect((await api(sb, '/executions')).status).toBe(502);
			expect((await ctl(sb, 'DELETE', '/faults')).status).toBe(204);

			const t = await api(sb, '/workflows/wf_custom/trigger', { method: 'POST' });
			expect(t.status).toBe(201);
			const fin = await ctl(sb, 'POST', `/executions/${t.json.executionId}/finish`, {});
			expect(fin.status).toBe(200);
			expect(fin.json).toMatchObject({ id: t.json.executionId, status: 'failed' });
			expect(
				(await ctl(sb, 'POST', `/executions/${t.json.executionId}/finish`, { status: 'success' }))
					.status,
			).toBe(409);
			expect(
				(await ctl(sb, 'POST', '/executions/exe_nope/finish', { status: 'success' })).status,
			).toBe(404);

			const stats = await ctl(sb, 'GET', '/stats');
			expect(stats.json.triggerAttempts).toEqual({ wf_custom: 1 });
			expect(stats.json.executionsStarted).toEqual({ wf_custom: 1 });
			expect(stats.json.rateLimited).toBe(0);
			expect(stats.json.requests[0]).toMatchObject({
				method: 'GET',
				path: '/api/v1/workflows',
				status: 200,
				at: expect.any(Number),
			});

			const receiver = await startReceiver();
			try {
				const c = await api(sb, '/webhooks', {
					method: 'POST',
					body: { url: receiver.url, events: ['execution.completed'], secret: 'zz' },
				});
				const hooks = await ctl(sb, 'GET', '/webhooks');
				expect(hooks.json).toEqual([
					expect.objectContaining({ webhookId: c.json.webhookId, secret: 'zz' }),
				]);
				const d = await ctl(sb, 'POST', '/deliver', {
					webhookId: c.json.webhookId,
					event: 'execution.completed',
				});
				expect(d.json).toMatchObject({ status: 200, deliveryId: expect.stringMatching(/^dlv_/) });
				expect(verifies('zz', receiver.received[0])).toBe(true);
				expect((await ctl(sb, 'GET', '/deliveries')).json).toHaveLength(1);
			} finally {
				await receiver.close();
			}

			expect((await ctl(sb, 'POST', '/echo', { hello: 'world' })).status).toBe(201);
			expect((await ctl(sb, 'GET', '/echo')).json).toEqual([{ hello: 'world' }]);
			expect(sb.echo()).toEqual([{ hello: 'world' }]);

			expect((await ctl(sb, 'POST', '/reset')).status).toBe(200);
			expect((await api(sb, '/workflows/wf_custom')).status).toBe(404);
			expect((await ctl(sb, 'GET', '/echo')).json).toEqual([]);
			expect((await ctl(sb, 'GET', '/webhooks')).json).toEqual([]);
			expect((await ctl(sb, 'GET', '/config')).json).toMatchObject({
				rateLimit: { limit: 60, windowMs: 60000 },
				executionDelayMs: 150,
			});
			const after = await ctl(sb, 'GET', '/stats');
			expect(after.json.triggerAttempts).toEqual({});
			expect(after.json.requests).toHaveLength(1);
		});
	});

	describe('route table', () => {
		test('a path known under other methods answers 405 with those in Allow', async () => {
			const trigger = await api(sb, '/workflows/wf_orders_sync/trigger');
			expect(trigger.status).toBe(405);
			expect(trigger.headers.get('allow')).toBe('POST');
			const hooks = await api(sb, '/webhooks', { method: 'PUT', body: {} });
			expect(hooks.headers.get('allow')).toBe('GET, POST');
			sb.configure({ webhookManagement: '405' });
			expect((await api(sb, '/webhooks', { method: 'PUT', body: {} })).headers.get('allow')).toBe(
				'POST',
			);
			// A path no API route has (not one a new route could take, such as …/cancel): 404.
			expect(
				(await api(sb, '/executions/exe_seed_001/no-such-route', { method: 'POST' })).status,
			).toBe(404);
			expect((await ctl(sb, 'GET', '/reset')).status).toBe(404);
		});
	});

	describe('runs for a polling trigger', () => {
		/** @param {string} id @param {string} finishedAt @param {'success' | 'failed'} [status] */
		const finished = (id, finishedAt, status = 'success') =>
			sb.createExecution({
				id,
				workflowId: 'wf_orders_sync',
				status,
				startedAt: '2026-01-01T00:00:00.000Z',
				finishedAt,
			});

		test('createExecution adds finished runs as given, equal finishedAt included; no delivery', async () => {
			const hook = await api(sb, '/webhooks', {
				method: 'POST',
				body: { url: 'http://127.0.0.1:9/h', events: ['execution.completed'], secret: 's' },
			});
			expect(hook.status).toBe(201);
			const a = finished('exe_poll_a', '2026-01-01T00:00:05.000Z');
			finished('exe_poll_b', '2026-01-01T00:00:05.000Z', 'failed');
			expect(a).toMatchObject({
				id: 'exe_poll_a',
				workflowName: 'Orders sync',
				status: 'success',
				finishedAt: '2026-01-01T00:00:05.000Z',
				durationMs: 5000,
				error: null,
			});
			const b = (await api(sb, '/executions/exe_poll_b')).json;
			expect(b.finishedAt).toBe(a.finishedAt);
			expect(b.error).toEqual({ step: 'Map fields', message: 'Step "Map fields" failed: error' });
			const listed = (await api(sb, '/executions?workflowId=wf_orders_sync&limit=2')).json;
			expect(listed.executions.map((e) => e.id).sort()).toEqual(['exe_poll_a', 'exe_poll_b']);
			expect(sb.deliveries()).toEqual([]);
		});

		test('a run is seen running, then finished on demand at a chosen time, out of order', async () => {
			const created = await ctl(sb, 'POST', '/executions', {
				id: 'exe_poll_late',
				workflowId: 'wf_orders_sync',
				status: 'running',
			});
			expect(created.status).toBe(201);
			sb.createExecution({ id: 'exe_poll_early', workflowId: 'wf_orders_sync', status: 'running' });
			expect((await api(sb, '/executions/exe_poll_late')).json).toMatchObject({
				status: 'running',
				finishedAt: null,
			});
			// Still running after longer than executionDelayMs: only control finishes it.
			await new Promise((r) => setTimeout(r, 250));
			expect((await api(sb, '/executions/exe_poll_late')).json.status).toBe('running');
			const later = await ctl(sb, 'POST', '/executions/exe_poll_late/finish', {
				status: 'failed',
				error: 'boom',
				finishedAt: '2099-01-01T00:00:10.000Z',
			});
			expect(later.json).toMatchObject({
				status: 'failed',
				finishedAt: '2099-01-01T00:00:10.000Z',
			});
			const earlier = await sb.finishExecution('exe_poll_early', {
				finishedAt: '2099-01-01T00:00:01.000Z',
			});
			expect(earlier.status).toBe('success');
			expect(Date.parse(earlier.finishedAt || '')).toBeLessThan(Date.parse(later.json.finishedAt));
			expect((await api(sb, '/executions/exe_poll_late')).json.error.message).toBe('boom');
		});

		test('createExecution and finishExecution refuse bad input with 400 naming the field', async () => {
			const bad = [
				[{}, 'workflowId must be a non-empty string'],
				[{ workflowId: 'wf_x', status: 'done' }, "status must be 'running', 'success' or 'failed'"],
				[
					{ workflowId: 'wf_x', finishedAt: 'soon' },
					'finishedAt must be an ISO 8601 date-time string',
				],
				[
					{ workflowId: 'wf_x', status: 'running', finishedAt: '2026-01-01T00:00:00Z' },
					'finishedAt must be absent for a running execution',
				],
				[{ workflowId: 'wf_x', colour: 'red' }, 'unknown execution key "colour"'],
			];
			for (const [body, message] of bad) {
				const res = await ctl(sb, 'POST', '/executions', body);
				expect(res.status).toBe(400);
				expect(res.json.error.message).toContain(message);
			}
			sb.createExecution({ id: 'exe_twice', workflowId: 'wf_x' });
			expect(
				(await ctl(sb, 'POST', '/executions', { id: 'exe_twice', workflowId: 'wf_x' })).status,
			).toBe(409);
			sb.createExecution({ id: 'exe_open', workflowId: 'wf_x', status: 'running' });
			const finish = await ctl(sb, 'POST', '/executions/exe_open/finish', { finishedAt: 'x' });
			expect(finish.status).toBe(400);
			expect(finish.json.error.message).toBe('finishedAt must be an ISO 8601 date-time string');
		});

		test("listOrder 'shuffled' answers the same page in a seeded order, the same on every run", async () => {
			for (let i = 0; i < 8; i++) finished(`exe_poll_${i}`, `2026-02-01T00:00:0${i}.000Z`);
			const page = async () =>
				(await api(sb, '/executions?workflowId=wf_orders_sync&limit=8')).json.executions.map(
					(/** @type {{ id: string }} */ e) => e.id,
				);
			const newest = await page();
			sb.configure({ listOrder: 'shuffled', listSeed: 42 });
			const first = [await page(), await page(), await page()];
			for (const order of first) expect([...order].sort()).toEqual([...newest].sort());
			expect(first.some((order) => JSON.stringify(order) !== JSON.stringify(newest))).toBe(true);
			expect(new Set(first.map((o) => JSON.stringify(o))).size).toBeGreaterThan(1);
			sb.configure({ listSeed: 42 });
			expect([await page(), await page(), await page()]).toEqual(first);
			const workflows = (await api(sb, '/workflows?limit=12')).json.workflows;
			expect(workflows).toHaveLength(12);
			sb.configure({ listOrder: 'newest' });
			expect(await page()).toEqual(newest);
			expect((await ctl(sb, 'POST', '/config', { listOrder: 'random' })).status).toBe(400);
		});
	});

	describe('hostile answers', () => {
		test('echoHeaders: a 2xx body echoes every request header, Authorization included', async () => {
			sb.addFault({ method: 'GET', path: '/workflows', echoHeaders: true, times: 2 });
			const res = await fetch(`${sb.baseUrl}/workflows/wf_orders_sync`, {
				headers: { Authorization: `Bearer ${KEYS.enterprise}`, 'X-Trace': 'abc' },
			});
			const one = await res.json();
			expect(res.status).toBe(200);
			expect(one.id).toBe('wf_orders_sync');
			expect(one.requestHeaders).toMatchObject({
				authorization: `Bearer ${KEYS.enterprise}`,
				'x-trace': 'abc',
			});
			const list = (await api(sb, '/workflows?limit=2')).json;
			expect(list.requestHeaders.authorization).toBe(`Bearer ${KEYS.enterprise}`);
			for (const w of list.workflows)
				expect(w.requestHeaders.authorization).toBe(`Bearer ${KEYS.enterprise}`);
			sb.addFault({ path: '/workflows/wf_gone', echoHeaders: true });
			const missing = await api(sb, '/workflows/wf_gone');
			expect(missing.status).toBe(404);
			expect(missing.text).not.toContain(KEYS.enterprise);
		});

		test('leakKey: a failed run’s error carries the key verbatim, in swapped case, or split by U+200B', async () => {
			sb.createExecution({ id: 'exe_leak', workflowId: 'wf_flaky_payments', status: 'failed' });
			const plain = 'Step "Charge card" failed: card_declined';
			const leaked = {
				verbatim: KEYS.enterprise,
				case: KEYS.enterprise.toUpperCase(),
				split: `${KEYS.enterprise.slice(0, 13)}\u200b${KEYS.enterprise.slice(13)}`,
			};
			for (const [form, key] of Object.entries(leaked)) {
				sb.addFault({ method: 'GET', path: '/executions', leakKey: form, times: 2 });
				const one = (await api(sb, '/executions/exe_leak')).json;
				expect(one.error.message).toBe(`${plain} (rejected token ${key})`);
				const list = (await api(sb, '/executions?status=failed&limit=3')).json.executions;
				for (const e of list) expect(e.error.message).toContain(key);
				if (form !== 'verbatim') expect(one.error.message).not.toContain(KEYS.enterprise);
			}
			sb.addFault({ path: '/workflows/wf_gone', leakKey: 'verbatim' });
			const missing = await api(sb, '/workflows/wf_gone', { key: KEYS.enterprise2 });
			expect(missing.status).toBe(404);
			expect(missing.json.error.message).toBe(
				`Workflow wf_gone not found (rejected token ${KEYS.enterprise2})`,
			);
			expect((await api(sb, '/executions/exe_leak')).json.error.message).toBe(plain);
		});

		test('hostile faults are checked: a known form, and no answer of their own', async () => {
			expect((await ctl(sb, 'POST', '/faults', { leakKey: 'rot13' })).json.error.message).toBe(
				'fault.leakKey must be one of: verbatim, case, split',
			);
			expect((await ctl(sb, 'POST', '/faults', { echoHeaders: true, status: 500 })).status).toBe(
				400,
			);
		});
	});

	test('close() ends open keep-alive connections instead of waiting for them to time out', async () => {
		const other = await startSandbox();
		const agent = new http.Agent({ keepAlive: true });
		/** @type {import('net').Socket} */
		const socket = await new Promise((resolve, reject) => {
			http
				.get(
					`${other.baseUrl}/workflows`,
					{ agent, headers: { Authorization: `Bearer ${KEYS.enterprise}` } },
					(res) => {
						const connection = res.socket; // detached from the response once it ends
						res.resume();
						res.on('end', () => resolve(connection));
					},
				)
				.on('error', reject);
		});
		await api(other, '/workflows/wf_long_report/trigger', { method: 'POST' });
		expect(socket.destroyed).toBe(false);
		await other.close();
		// close() ends idle keep-alive connections itself instead of waiting for them to time out.
		await new Promise((resolve) =>
			socket.destroyed ? resolve(undefined) : socket.once('close', resolve),
		);
		expect(socket.destroyed).toBe(true);
		agent.destroy();
	});
});
