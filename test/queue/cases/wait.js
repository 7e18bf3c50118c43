'use strict';
// Benchwork → Trigger with Wait for Completion in a production execution: the webhook processor
// takes the request, a worker runs the node (polling until the run is done), and the webhook
// answers with the finished Benchwork execution.
const assert = require('assert');
const { waitWorkflow } = require('../lib/workflows');
const { workerThatRan, PUBLISH_WAIT } = require('../lib/cluster');
const { postWebhook } = require('../lib/http');

async function checkWaitForCompletion({ cluster, rest, sandbox, credential, check }) {
	await sandbox.reset();
	const path = 'benchwork-queue-wait';
	const created = await rest.createWorkflow(
		waitWorkflow(credential, { path, workflowId: 'wf_orders_sync' }),
	);
	await rest.activate(created.id, PUBLISH_WAIT);
	await check(
		'Trigger with Wait for Completion runs on a worker and returns the finished execution',
		async () => {
			const { status, text } = await postWebhook(`${cluster.webhookUrl}webhook/${path}`, {});
			assert.strictEqual(status, 200, text);
			const finished = JSON.parse(text);
			assert.strictEqual(finished.status, 'success', text);
			assert.strictEqual(finished.workflowId, 'wf_orders_sync');
			assert.deepStrictEqual(finished.payload, { source: 'n8n queue mode' });
			assert.ok(finished.finishedAt, 'finished');
			const [execution] = await rest.listExecutions({ workflowId: created.id });
			assert.strictEqual(execution.status, 'success');
			const ranOn = workerThatRan(cluster, execution.id);
			assert.strictEqual(
				ranOn.length,
				1,
				`one worker ran execution ${execution.id}: ${ranOn.join(', ')}`,
			);
			const stats = await sandbox.stats();
			assert.strictEqual(stats.executionsStarted.wf_orders_sync, 1, 'started once');
			assert.ok(
				stats.requests.some(
					(r) => r.method === 'GET' && r.path === `/api/v1/executions/${finished.id}`,
				),
				'it polled the execution',
			);
			console.log(
				`       execution ${execution.id} ran on ${ranOn[0]}; Benchwork run ${finished.id} returned ${finished.status}`,
			);
		},
	);
	await rest.deactivate(created.id, PUBLISH_WAIT);
}

module.exports = { checkWaitForCompletion };
