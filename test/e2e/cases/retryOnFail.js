'use strict';
// Retry On Fail never starts a run twice: a 500 after a run was created is not sent again, a
// 400 (nothing started) is.
const assert = require('assert');
const { executeWorkflow, executionError, outputItems, runToNodeError } = require('../lib');
const { retryingTriggerWorkflow } = require('../workflows');

const title = 'Retry On Fail';

const WORKFLOW_IDS = [
	'wf_orders_sync',
	'wf_customer_export',
	'wf_inventory_eu',
	'wf_abandoned_cart',
	'wf_inventory_us',
];
const MIDDLE_TRIGGER = '/workflows/wf_inventory_eu/trigger';

async function run(ctx) {
	const { line, userFolder, rest, sandbox, check, credentials } = ctx;
	await check(
		'Retry On Fail, a 500 after the middle item’s run was created: no run is started twice',
		async () => {
			await sandbox.reset();
			await sandbox.addFault({
				method: 'POST',
				path: MIDDLE_TRIGGER,
				status: 500,
				afterHandling: true,
				times: 1,
			});
			const { nodeRun } = await runToNodeError(
				ctx,
				retryingTriggerWorkflow(credentials.credential, {
					workflowIds: WORKFLOW_IDS,
					maxTries: 3,
				}),
			);
			assert.match(nodeRun.error.message, /^Benchwork had a server error \(500\).* \[item 2\]$/);
			// Only a retried node run adds this: n8n did run the node again.
			assert.match(nodeRun.error.description, /Retry On Fail.*not sent again/);
			const stats = await sandbox.stats();
			const once = { wf_orders_sync: 1, wf_customer_export: 1, wf_inventory_eu: 1 };
			assert.deepStrictEqual(stats.triggerAttempts, once, 'each trigger sent once');
			assert.deepStrictEqual(stats.executionsStarted, once, 'each run started once');
		},
	);

	await check(
		'Retry On Fail after a 400 on the middle item: only that trigger is sent again, and the batch completes',
		async () => {
			await sandbox.reset();
			await sandbox.addFault({ method: 'POST', path: MIDDLE_TRIGGER, status: 400, times: 1 });
			const workflow = await rest.createWorkflow(
				retryingTriggerWorkflow(credentials.credential, {
					workflowIds: WORKFLOW_IDS,
					maxTries: 2,
				}),
			);
			const result = await executeWorkflow({
				line,
				userFolder,
				id: workflow.id,
				allowFailure: true,
			});
			assert.ok(result.ok, `run failed: ${JSON.stringify(executionError(result.run))}`);
			const out = outputItems(result.run, 'Benchwork');
			assert.deepStrictEqual(
				out.map((item) => item.workflowId),
				WORKFLOW_IDS,
			);
			const stats = await sandbox.stats();
			assert.deepStrictEqual(stats.triggerAttempts, {
				wf_orders_sync: 1,
				wf_customer_export: 1,
				wf_inventory_eu: 2,
				wf_abandoned_cart: 1,
				wf_inventory_us: 1,
			});
			assert.strictEqual(
				Object.values(stats.executionsStarted).reduce((a, b) => a + b, 0),
				5,
			);
		},
	);
	await sandbox.reset();
}

module.exports = { title, run };
