'use strict';
// The trigger: activation registers exactly one hook; Benchwork runs that complete and fail reach
// n8n; forged, unsigned and replayed deliveries run nothing more; no secret is saved; a restart
// keeps one hook; deactivation removes it. Replaces ctx.n8n and ctx.rest (n8n is restarted).
const assert = require('assert');
const { KEYS, signDelivery } = require('../../sandbox/server');
const {
	N8nRest,
	echoesTagged,
	hooksAt,
	postStatus,
	savedText,
	startN8n,
	startRunAndAwaitEcho,
} = require('../lib');
const { triggerWorkflow } = require('../workflows');

const title = 'trigger';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(ctx) {
	const { line, userFolder, rest, sandbox, check, stages, credentials } = ctx;
	await sandbox.reset();
	const tag = line.id;
	const { workflow, webhookId } = triggerWorkflow(credentials.credential, {
		echoUrl: `${sandbox.origin}/_sandbox/echo`,
		tag,
	});
	const created = await rest.createWorkflow(workflow);
	const productionUrl = () => `${ctx.n8n.webhookUrl}webhook/${webhookId}/webhook`;
	const echoes = () => echoesTagged(sandbox, tag);
	const ourHooks = async () => hooksAt(await sandbox.webhooks(), ctx.n8n.webhookUrl);
	const runRemote = (workflowId, event) =>
		startRunAndAwaitEcho(sandbox, { workflowId, event, key: KEYS.enterprise, tag });

	await check(
		'activation registers exactly one hook, at the production URL, for both events',
		async () => {
			await rest.activate(created.id);
			const hooks = await ourHooks();
			assert.strictEqual(hooks.length, 1, JSON.stringify(hooks.map((h) => h.url)));
			assert.strictEqual(hooks[0].url, productionUrl());
			assert.deepStrictEqual([...hooks[0].events].sort(), [
				'execution.completed',
				'execution.failed',
			]);
		},
	);

	await check(
		'a finished Benchwork run starts the n8n workflow with the delivery (execution.completed)',
		() => runRemote('wf_orders_sync', 'execution.completed'),
	);
	await check('a failed Benchwork run starts it with execution.failed', () =>
		runRemote('wf_flaky_payments', 'execution.failed'),
	);

	await check('a forged delivery gets 401 and runs nothing', async () => {
		const [hook] = await ourHooks();
		const echoed = (await echoes()).length;
		// n8n may list a run only after its echo arrived: wait until every echoed run is listed.
		const { before } = await sandbox.waitFor(
			async () => {
				const listed = (await rest.listExecutions({ workflowId: created.id })).length;
				return listed >= echoed ? { before: listed } : null;
			},
			{ timeoutMs: 30000, what: 'the runs so far to be listed' },
		);
		const forged = await sandbox.deliver({
			webhookId: hook.webhookId,
			tamper: { secret: 'not-the-secret' },
		});
		assert.strictEqual(forged.status, 401);
		const unsigned = await postStatus(productionUrl(), {
			event: 'execution.completed',
			execution: { id: 'exe_forged', workflowId: 'wf_orders_sync' },
		});
		assert.strictEqual(unsigned, 401);
		await sleep(1500);
		assert.strictEqual((await rest.listExecutions({ workflowId: created.id })).length, before);
		assert.strictEqual((await echoes()).length, echoed);
	});

	await check(
		'a replayed delivery (the same signed bytes, again and 3 at once) starts the workflow once',
		async () => {
			const [hook] = await ourHooks();
			const deliveryId = `dlv_e2e_replay_${line.id}_${Date.now()}`;
			const body = JSON.stringify({
				event: 'execution.completed',
				deliveryId,
				createdAt: new Date().toISOString(),
				execution: { id: `exe_${deliveryId}`, workflowId: 'wf_orders_sync', status: 'success' },
			});
			const timestamp = Math.floor(Date.now() / 1000);
			const headers = {
				'content-type': 'application/json',
				'x-benchwork-delivery': deliveryId,
				'x-benchwork-timestamp': String(timestamp),
				'x-benchwork-signature': signDelivery(hook.secret, timestamp, body),
			};
			const send = async () => {
				const res = await fetch(productionUrl(), { method: 'POST', headers, body });
				return { status: res.status, body: await res.json().catch(() => undefined) };
			};
			const first = await send();
			assert.strictEqual(first.status, 200, JSON.stringify(first));
			const repeats = [await send(), ...(await Promise.all([send(), send(), send()]))];
			for (const repeat of repeats)
				assert.deepStrictEqual(repeat, {
					status: 200,
					body: { received: true, started: false, reason: 'repeated delivery' },
				});
			const ofThisDelivery = async () =>
				(await echoes()).filter((e) => e.received && e.received.deliveryId === deliveryId);
			await sandbox.waitFor(async () => (await ofThisDelivery()).length > 0, {
				timeoutMs: 30000,
				what: 'the echo of the first delivery',
			});
			await sleep(1500);
			assert.strictEqual((await ofThisDelivery()).length, 1, 'started once');
		},
	);

	await check(
		'the webhook secret and API key are nowhere in saved executions or the workflow',
		async () => {
			const [hook] = await ourHooks();
			assert.ok(hook.secret);
			const saved = await savedText(rest, created.id);
			assert.ok(!saved.includes(hook.secret), 'secret found');
			assert.ok(!saved.includes(KEYS.enterprise), 'API key found');
		},
	);

	await stages.run(`${line.id}: restart n8n`, async () => {
		await ctx.n8n.stop();
		ctx.n8n = await startN8n({ line, userFolder, port: ctx.n8n.port });
	});
	ctx.rest = new N8nRest(ctx.n8n);
	await ctx.rest.login();
	await check(
		'after a restart there is still exactly one hook, and deliveries still run the workflow',
		async () => {
			// 2.x re-registers its webhooks asynchronously after start: wait until the route answers.
			await sandbox.waitFor(async () => (await postStatus(productionUrl(), {})) !== 404, {
				timeoutMs: 60000,
				what: 'the webhook route after restart',
			});
			assert.strictEqual((await ourHooks()).length, 1);
			await runRemote('wf_orders_sync', 'execution.completed');
			assert.strictEqual((await ourHooks()).length, 1);
		},
	);

	await check('deactivation removes the hook', async () => {
		await ctx.rest.deactivate(created.id);
		assert.deepStrictEqual(await ourHooks(), []);
	});
}

module.exports = { title, run };
