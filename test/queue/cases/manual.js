'use strict';
// Manual executions in queue mode: what the editor's Execute Workflow and the polling trigger's
// Fetch Test Event do (POST /rest/workflows/:id/run from a trigger). n8n 2.x runs them on the
// main unless OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true, which sends them to a worker (n8n 3's only
// behaviour): the checks say where each one ran, and that the user gets the same result there.
const assert = require('assert');
const { outputItems } = require('../../e2e/lib/rest');
const {
	oneNodeWorkflow,
	byId,
	pollingTriggerWorkflow,
	POLLING_TRIGGER,
} = require('../../e2e/workflows');
const { workerThatRan } = require('../lib/cluster');

/** Runs a saved workflow as the editor does, from `trigger`; the finished execution. */
async function runManually(rest, workflowId, trigger) {
	const before = (await rest.listExecutions({ workflowId })).map((e) => e.id);
	const answer = await rest.data('POST', `/rest/workflows/${workflowId}/run`, {
		body: { triggerToStartFrom: { name: trigger } },
	});
	assert.ok(answer && answer.executionId, JSON.stringify(answer));
	return rest.waitForExecution({ workflowId, after: before, timeoutMs: 60000 });
}

async function checkManualExecutions({ cluster, rest, sandbox, credential, key, check }) {
	const offloaded = cluster.env.OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS === 'true';
	const where = offloaded
		? 'on a worker (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true)'
		: 'on the main (n8n 2.x’s default)';
	/** The worker that ran an execution, or 'main' when no worker did. */
	const ranOn = (id) => {
		const workers = workerThatRan(cluster, id);
		assert.ok(workers.length <= 1, `execution ${id} ran on ${workers.join(', ')}`);
		return workers[0] || 'main';
	};
	await sandbox.reset();

	const get = await rest.createWorkflow(
		oneNodeWorkflow(
			'Benchwork queue: manual run',
			{ resource: 'workflow', operation: 'get', workflowId: byId('wf_orders_sync') },
			credential,
		),
	);
	await check(
		`a manual run of the Benchwork node runs ${where} and gives the workflow`,
		async () => {
			const execution = await runManually(rest, get.id, 'Start');
			assert.strictEqual(execution.status, 'success');
			assert.strictEqual(outputItems(execution, 'Benchwork')[0].id, 'wf_orders_sync');
			const ran = ranOn(execution.id);
			assert.strictEqual(ran === 'main', !offloaded, `execution ${execution.id} ran on ${ran}`);
			console.log(`       manual execution ${execution.id} ran on ${ran}`);
		},
	);

	const polling = await rest.createWorkflow(
		pollingTriggerWorkflow({ name: 'Benchwork queue: Fetch Test Event', credential }),
	);
	await check(
		`the polling trigger’s Fetch Test Event runs ${where} and gives the newest finished run`,
		async () => {
			await sandbox.setWorkflow('wf_orders_sync', { durationMs: null });
			const started = await sandbox.api('POST', '/workflows/wf_orders_sync/trigger', {}, key);
			const newest = started.body.executionId;
			await sandbox.finishExecution(newest, { status: 'success' });
			await sandbox.setWorkflow('wf_orders_sync', { durationMs: 'default' });
			const execution = await runManually(rest, polling.id, POLLING_TRIGGER);
			assert.strictEqual(execution.status, 'success');
			const [item] = outputItems(execution, POLLING_TRIGGER);
			assert.strictEqual(item.execution.id, newest, JSON.stringify(item));
			const ran = ranOn(execution.id);
			assert.strictEqual(ran === 'main', !offloaded, `execution ${execution.id} ran on ${ran}`);
		},
	);
}

module.exports = { checkManualExecutions };
