'use strict';
// The n8n workflows the queue-mode suite creates. Production executions in queue mode start
// from production webhooks (served by the webhook processor) and run on a worker, so the action
// node's workflows start with n8n's own Webhook node.
const { randomUUID } = require('crypto');
const { benchwork, byId, triggerWorkflow } = require('../../e2e/workflows');

function webhookNode(path, responseMode) {
	const parameters = { httpMethod: 'POST', path, responseMode, options: {} };
	if (responseMode === 'lastNode') parameters.responseData = 'firstEntryJson';
	return {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters,
	};
}

function chain(name, nodes) {
	const connections = {};
	nodes.forEach((n, i) => {
		n.position = [i * 220, 0];
		if (i > 0)
			connections[nodes[i - 1].name] = { main: [[{ node: n.name, type: 'main', index: 0 }]] };
	});
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/**
 * Webhook (answers at once) → Code (`items` items {n}) → Benchwork Trigger of one Benchwork
 * workflow per item (`<prefix><n>`), so the sandbox counts the starts of every item apart.
 */
function batchWorkflow(credential, { path, prefix, items }) {
	const code = {
		id: randomUUID(),
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { jsCode: `return Array.from({ length: ${items} }, (_, n) => ({ json: { n } }));` },
	};
	const trigger = benchwork(
		'Trigger Batch',
		{
			resource: 'workflow',
			operation: 'trigger',
			workflowId: byId(`={{ ${JSON.stringify(prefix)} + $json.n }}`),
			payload: '={{ JSON.stringify({ n: $json.n }) }}',
		},
		credential,
	);
	return chain(`Benchwork queue: batch ${path}`, [webhookNode(path, 'onReceived'), code, trigger]);
}

/** Webhook (answers with the last node's first item) → Benchwork Trigger with Wait for Completion. */
function waitWorkflow(credential, { path, workflowId }) {
	const trigger = benchwork(
		'Trigger And Wait',
		{
			resource: 'workflow',
			operation: 'trigger',
			workflowId: byId(workflowId),
			payload: '{"source": "n8n queue mode"}',
			waitForCompletion: true,
			pollInterval: 0.5,
			timeout: 60,
			// The whole execution: the check reads its payload.
			simplify: false,
		},
		credential,
	);
	return chain('Benchwork queue: trigger and wait', [webhookNode(path, 'lastNode'), trigger]);
}

module.exports = { batchWorkflow, waitWorkflow, triggerWorkflow };
