'use strict';
// One workflow run by `n8n execute` covering every action-node operation, Continue On Fail, and
// a batch of triggers over the rate limit.
const assert = require('assert');
const { executeWorkflow, executionError, outputItems } = require('../lib');
const { operationsWorkflow } = require('../workflows');

const title = 'every operation';

const BATCH = 45;

async function run({ line, userFolder, rest, sandbox, check, credentials }) {
	await sandbox.reset();
	// 20 calls per 2 s: the batch of 45 triggers (plus the other nodes' calls) crosses windows.
	await sandbox.configure({ rateLimit: { limit: 20, windowMs: 2000 } });
	const workflow = await rest.createWorkflow(
		operationsWorkflow(credentials.credential, { batchSize: BATCH }),
	);
	const result = await executeWorkflow({ line, userFolder, id: workflow.id, allowFailure: true });
	await check('the workflow running every operation finishes without error', async () => {
		assert.ok(
			result.ok,
			`run failed: ${JSON.stringify(executionError(result.run))}\n${result.errors.join('\n')}`,
		);
	});
	if (!result.run) return;
	const items = (name) => outputItems(result.run, name);
	await check('Workflow → Get Many: active workflows, at most the limit', async () => {
		const out = items('Get Many Workflows');
		assert.ok(out.length > 0 && out.length <= 5, `${out.length} items`);
		assert.ok(out.every((w) => w.status === 'active'));
	});
	await check('Workflow → Get: the workflow by ID', async () => {
		assert.strictEqual(items('Get Workflow')[0].id, 'wf_orders_sync');
	});
	await check('Workflow → Trigger with Wait for Completion: the finished execution', async () => {
		const [execution] = items('Trigger And Wait');
		assert.strictEqual(execution.status, 'success');
		assert.deepStrictEqual(execution.payload, { source: 'n8n e2e' });
	});
	await check('Workflow → Trigger, then Execution → Get by an expression', async () => {
		const [started] = items('Trigger');
		const [execution] = items('Get Started Execution');
		assert.ok(started.executionId);
		assert.strictEqual(execution.id, started.executionId);
	});
	await check('Execution → Get Many: filtered by workflow and status', async () => {
		const out = items('Get Many Executions');
		assert.ok(out.length > 0);
		assert.ok(out.every((e) => e.workflowId === 'wf_flaky_payments' && e.status === 'failed'));
	});
	await check('Continue On Fail: good item passes, bad items carry their own errors', async () => {
		const out = items('Get Each (Continue On Fail)');
		assert.strictEqual(out.length, 3);
		assert.strictEqual(out[0].id, 'wf_orders_sync');
		assert.strictEqual(out[1].error, 'Benchwork has no workflow "wf_not_there" (404) [item 1]');
		assert.strictEqual(out[2].error, 'Workflow: is empty [item 2]');
	});
	await check(
		`a batch of ${BATCH} triggers crosses the rate-limit window without an error or a double start`,
		async () => {
			const out = items('Trigger Batch');
			assert.strictEqual(out.length, BATCH);
			assert.ok(out.every((i) => i.executionId && !i.error));
			assert.strictEqual(new Set(out.map((i) => i.executionId)).size, BATCH);
			const stats = await sandbox.stats();
			const starts = BATCH + 2; // the batch, Trigger And Wait, Trigger
			assert.strictEqual(stats.executionsStarted.wf_orders_sync, starts);
			assert.strictEqual(stats.triggerAttempts.wf_orders_sync, starts);
			console.log(
				`       ${stats.requests.length} API calls, ${stats.rateLimited} answered 429, run took ${result.ms} ms`,
			);
		},
	);
	await sandbox.configure({ rateLimit: { limit: 1000, windowMs: 60000 } });
}

module.exports = { title, run };
