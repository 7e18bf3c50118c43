'use strict';
// The n8n workflows the benchmark runs: Manual Trigger → Code (N items) → the node measured.
const { randomUUID } = require('crypto');

const { benchwork, byId } = require('../../e2e/workflows');

let counter = 0;
/** n8n accepts 16-character alphanumeric workflow IDs on both lines. */
const workflowId = () => `benchwf${String(++counter).padStart(9, '0')}`;

function node(name, type, parameters, extra = {}) {
	return { id: randomUUID(), name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

function items(name, count) {
	return node(
		name,
		'n8n-nodes-base.code',
		{ jsCode: `return Array.from({ length: ${count} }, (_, n) => ({ json: { n } }));` },
		{ typeVersion: 2 },
	);
}

/** Manual Trigger feeding each chain (Items → measured nodes) in turn: execution order v1. */
function manualWorkflow(name, chains) {
	const start = node('Start', 'n8n-nodes-base.manualTrigger', {});
	const nodes = [start];
	const connections = { Start: { main: [[]] } };
	chains.forEach((chain, row) => {
		connections.Start.main[0].push({ node: chain[0].name, type: 'main', index: 0 });
		chain.forEach((n, index) => {
			n.position = [(index + 1) * 220, row * 200];
			nodes.push(n);
			if (index > 0)
				connections[chain[index - 1].name] = { main: [[{ node: n.name, type: 'main', index: 0 }]] };
		});
	});
	return { id: workflowId(), name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** n8n's HTTP Request node with the key in a header, as a user would set it up without our node. */
function httpRequest(name, { method, url, key, body, batching, retry }) {
	const parameters = {
		method,
		url,
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${key}` }] },
		options: batching
			? { batching: { batch: { batchSize: batching.size, batchInterval: batching.intervalMs } } }
			: {},
	};
	if (body) Object.assign(parameters, { sendBody: true, specifyBody: 'json', jsonBody: body });
	const settings = retry ? { retryOnFail: true, maxTries: 5, waitBetweenTries: 5000 } : {};
	return node(name, 'n8n-nodes-base.httpRequest', parameters, { typeVersion: 4.2, ...settings });
}

/** Every item triggers its own sandbox workflow `wf_b_<n>`, so starts can be counted per item. */
const BATCH_WORKFLOW = (n) => `wf_b_${n}`;

/** A batch of triggers: the measured node is named `name`. */
function batchChain(name, kind, { count, target, key, limit, windowMs }) {
	const measured =
		kind === 'benchwork'
			? benchwork(
					name,
					{
						resource: 'workflow',
						operation: 'trigger',
						workflowId: byId('={{ "wf_b_" + $json.n }}'),
						payload: '={{ { n: $json.n } }}',
					},
					target.credential,
				)
			: httpRequest(name, {
					method: 'POST',
					url: `={{ "${target.baseUrl}/workflows/wf_b_" + $json.n + "/trigger" }}`,
					key,
					body: '={{ JSON.stringify({ payload: { n: $json.n } }) }}',
					retry: kind === 'retry',
					batching: kind === 'batching' ? { size: limit, intervalMs: windowMs } : undefined,
				});
	return [items(`${name} items`, count), measured];
}

function waitChain(name, { count, target, sandboxWorkflow, pollInterval }) {
	return [
		items(`${name} items`, count),
		benchwork(
			name,
			{
				resource: 'workflow',
				operation: 'trigger',
				workflowId: byId(sandboxWorkflow),
				payload: '',
				waitForCompletion: true,
				pollInterval,
				timeout: 300,
			},
			target.credential,
		),
	];
}

/**
 * What the overhead rows read, through our node and through the HTTP Request node alike:
 * Workflow → Get and Execution → Get (Simplify off, so both nodes output the same answer).
 */
const OVERHEAD_READS = {
	workflow: {
		parameters: { resource: 'workflow', operation: 'get', workflowId: byId('wf_orders_sync') },
		path: '/workflows/wf_orders_sync',
	},
	execution: {
		parameters: {
			resource: 'execution',
			operation: 'get',
			executionId: byId('exe_seed_001'),
			simplify: false,
		},
		path: '/executions/exe_seed_001',
	},
};

/**
 * N × one read (`read`: a key of OVERHEAD_READS) through our node, the HTTP Request node and a
 * No Operation node, one after the other. Run a short chain first (names prefixed "Warm-up") so
 * every node is measured warm.
 */
function overheadChain(names, { count, target, key, read = 'workflow' }) {
	const { parameters, path } = OVERHEAD_READS[read];
	return [
		items(`${names[0]} items`, count),
		benchwork(names[0], parameters, target.credential),
		httpRequest(names[1], { method: 'GET', url: `${target.baseUrl}${path}`, key }),
		node(names[2], 'n8n-nodes-base.noOp', {}),
	];
}

module.exports = { manualWorkflow, batchChain, waitChain, overheadChain, BATCH_WORKFLOW };
