'use strict';
// The Benchwork Trigger across processes: activated on the main, its deliveries received and
// verified by the webhook processor, its executions run by a worker; restarts of the main and
// the webhook processor keep exactly one hook; deactivation removes it.
const assert = require('assert');
const e2e = require('../../e2e/lib');
const { echoesTagged, postStatus, startRunAndAwaitEcho } = e2e;
const { triggerWorkflow } = require('../lib/workflows');
const { workerThatRan, PUBLISH_WAIT } = require('../lib/cluster');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * checkTrigger({cluster, rest, sandbox, postgres, credential, key, check, stages, secrets})
 *   -> {rest, deliveryIds, hookIds, activeDump}
 * `rest` is a client logged in to the main that runs at the end. Adds every hook secret seen to
 * `secrets` and dumps the database while the trigger is active, for the secrets check.
 */
async function checkTrigger({
	cluster,
	rest: firstRest,
	sandbox,
	postgres,
	credential,
	key,
	check,
	stages,
	secrets,
}) {
	let rest = firstRest;
	await sandbox.reset();
	const tag = 'queue-trigger';
	const { workflow, webhookId } = triggerWorkflow(credential, {
		echoUrl: `${sandbox.origin}/_sandbox/echo`,
		tag,
	});
	const created = await rest.createWorkflow(workflow);
	const productionUrl = `${cluster.webhookUrl}webhook/${webhookId}/webhook`;
	const echoes = () => echoesTagged(sandbox, tag);
	const hookIds = new Set();
	const remember = (hooks) =>
		hooks.forEach((h) => {
			secrets.add(h.secret);
			hookIds.add(h.webhookId);
		});

	async function exactlyOneHook() {
		const hooks = await sandbox.webhooks();
		remember(hooks);
		assert.deepStrictEqual(
			hooks.map((h) => h.url),
			[productionUrl],
			'one hook, at the webhook processor',
		);
		return hooks[0];
	}

	/** A Benchwork run whose delivery must reach n8n: returns the n8n execution it started. */
	async function deliveredAndRun(workflowId, event) {
		const before = (await rest.listExecutions({ workflowId: created.id })).map((e) => e.id);
		const { executionId } = await startRunAndAwaitEcho(sandbox, {
			workflowId,
			event,
			key,
			tag,
			timeoutMs: 60000,
		});
		const delivery = (await sandbox.deliveries()).find(
			(d) => d.executionId === executionId && d.status === 200,
		);
		assert.ok(delivery, 'the delivery was answered 200');
		assert.ok(
			delivery.url.startsWith(cluster.webhookUrl),
			`delivered to the webhook processor (${delivery.url})`,
		);
		const execution = await rest.waitForExecution({
			workflowId: created.id,
			after: before,
			timeoutMs: 30000,
		});
		assert.strictEqual(execution.status, 'success');
		assert.strictEqual(execution.mode, 'webhook');
		const ranOn = workerThatRan(cluster, execution.id);
		assert.strictEqual(
			ranOn.length,
			1,
			`exactly one worker's log says it ran execution ${execution.id}: ${ranOn.join(', ')}`,
		);
		return { execution, ranOn: ranOn[0], delivery };
	}

	await check(
		'activating on the main leaves exactly one hook, at the webhook processor’s production URL',
		async () => {
			await rest.activate(created.id, PUBLISH_WAIT);
			const hook = await exactlyOneHook();
			assert.deepStrictEqual([...hook.events].sort(), ['execution.completed', 'execution.failed']);
		},
	);

	const ran = [];
	await check(
		'signed deliveries are verified by the webhook processor and run on a worker',
		async () => {
			const completed = await deliveredAndRun('wf_orders_sync', 'execution.completed');
			const failed = await deliveredAndRun('wf_flaky_payments', 'execution.failed');
			ran.push(completed, failed);
			console.log(
				`       execution ${completed.execution.id} ran on ${completed.ranOn}, ${failed.execution.id} on ${failed.ranOn}`,
			);
		},
	);

	await check(
		'forged and unsigned deliveries get 401 from the webhook processor and run nothing',
		async () => {
			const [hook] = await sandbox.webhooks();
			const before = (await rest.listExecutions({ workflowId: created.id })).length;
			const echoed = (await echoes()).length;
			const refusedLogged = () =>
				(cluster.logs().webhook.match(/refused a delivery/g) || []).length;
			const refusedBefore = refusedLogged();
			const forged = await sandbox.deliver({
				webhookId: hook.webhookId,
				tamper: { secret: 'not-the-secret' },
			});
			assert.strictEqual(forged.status, 401);
			assert.strictEqual(
				await postStatus(productionUrl, {
					event: 'execution.completed',
					execution: { id: 'exe_forged', workflowId: 'wf_orders_sync' },
				}),
				401,
			);
			await sleep(2000);
			assert.strictEqual(
				(await rest.listExecutions({ workflowId: created.id })).length,
				before,
				'no execution',
			);
			assert.strictEqual((await echoes()).length, echoed, 'nothing echoed');
			assert.strictEqual(
				refusedLogged() - refusedBefore,
				2,
				'the webhook processor logged both refusals',
			);
			const logs = cluster.logs();
			for (const name of Object.keys(logs).filter((n) => n !== 'webhook')) {
				assert.ok(!/refused a delivery/.test(logs[name]), `${name} did not handle deliveries`);
			}
		},
	);

	const activeDump = postgres.dump();

	await stages.run('restart the main and the webhook processor', async () => {
		await cluster.restart(cluster.main, cluster.webhook);
	});
	rest = new e2e.N8nRest(cluster.main);
	await rest.login();

	await check(
		'after restarting the main and the webhook processor: still exactly one hook, deliveries still verify',
		async () => {
			// 2.x reconciles activations asynchronously after start: wait until the route answers.
			await sandbox.waitFor(async () => (await postStatus(productionUrl, {})) !== 404, {
				timeoutMs: 60000,
				what: 'the production webhook after restart',
			});
			await exactlyOneHook();
			const again = await deliveredAndRun('wf_orders_sync', 'execution.completed');
			console.log(
				`       after the restarts, execution ${again.execution.id} ran on ${again.ranOn}`,
			);
			await exactlyOneHook();
		},
	);

	await check('deactivating on the main removes the hook', async () => {
		await rest.deactivate(created.id, PUBLISH_WAIT);
		assert.deepStrictEqual(await sandbox.webhooks(), []);
	});
	return { rest, deliveryIds: ran.map((r) => r.delivery.deliveryId), hookIds, activeDump };
}

module.exports = { checkTrigger };
