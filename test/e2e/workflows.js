'use strict';
// The n8n workflows the e2e suite imports: built from our nodes' public parameter names, as a
// user's saved workflows name them.
const { randomUUID } = require('crypto');

const PKG = 'n8n-nodes-benchwork';
const BENCHWORK = `${PKG}.benchwork`;
const BENCHWORK_TRIGGER = `${PKG}.benchworkTrigger`;
/** The Benchwork Trigger's one version (why not 1: the comment at its `version`). */
const BENCHWORK_TRIGGER_VERSION = 2;

const byId = (value) => ({ __rl: true, mode: 'id', value });

function credentialRef(credential) {
	return { benchworkApi: { id: credential.id, name: credential.name } };
}

let position = 0;
function node(name, type, parameters, extra = {}) {
	position += 220;
	return {
		id: randomUUID(),
		name,
		type,
		typeVersion: 1,
		position: [position, 0],
		parameters,
		...extra,
	};
}

function benchwork(name, parameters, credential, extra = {}) {
	return node(name, BENCHWORK, parameters, { credentials: credentialRef(credential), ...extra });
}

function code(name, items) {
	return node(
		name,
		'n8n-nodes-base.code',
		{ jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
		{ typeVersion: 2 },
	);
}

/** A Manual Trigger feeding each chain in turn (execution order v1 runs branches one by one). */
function manualWorkflow(name, chains) {
	const start = node('Start', 'n8n-nodes-base.manualTrigger', {});
	const nodes = [start];
	const connections = { Start: { main: [[]] } };
	for (const chain of chains) {
		connections.Start.main[0].push({ node: chain[0].name, type: 'main', index: 0 });
		chain.forEach((n, i) => {
			nodes.push(n);
			if (i > 0)
				connections[chain[i - 1].name] = { main: [[{ node: n.name, type: 'main', index: 0 }]] };
		});
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** Every operation of the action node, plus Continue On Fail and a batch over the rate limit. */
function operationsWorkflow(credential, { batchSize }) {
	return manualWorkflow('Benchwork e2e: every operation', [
		[
			benchwork(
				'Get Many Workflows',
				{ resource: 'workflow', operation: 'getAll', limit: 5, filters: { status: 'active' } },
				credential,
			),
		],
		[
			benchwork(
				'Get Workflow',
				{ resource: 'workflow', operation: 'get', workflowId: byId('wf_orders_sync') },
				credential,
			),
		],
		[
			benchwork(
				'Trigger And Wait',
				{
					resource: 'workflow',
					operation: 'trigger',
					workflowId: byId('wf_orders_sync'),
					payload: '{"source": "n8n e2e"}',
					waitForCompletion: true,
					pollInterval: 0.5,
					timeout: 60,
					// The full execution: the check reads the payload Benchwork recorded.
					simplify: false,
				},
				credential,
			),
		],
		[
			benchwork(
				'Trigger',
				{
					resource: 'workflow',
					operation: 'trigger',
					workflowId: byId('wf_orders_sync'),
					payload: '',
					options: {},
				},
				credential,
			),
			benchwork(
				'Get Started Execution',
				{ resource: 'execution', operation: 'get', executionId: byId('={{ $json.executionId }}') },
				credential,
			),
		],
		[
			benchwork(
				'Get Many Executions',
				{
					resource: 'execution',
					operation: 'getAll',
					limit: 10,
					filters: { workflowId: 'wf_flaky_payments', status: 'failed' },
				},
				credential,
			),
		],
		[
			code('Mixed Ids', [{ id: 'wf_orders_sync' }, { id: 'wf_not_there' }, { id: '' }]),
			benchwork(
				'Get Each (Continue On Fail)',
				{ resource: 'workflow', operation: 'get', workflowId: byId('={{ $json.id }}') },
				credential,
				{
					onError: 'continueRegularOutput',
				},
			),
		],
		[
			code(
				'Batch',
				Array.from({ length: batchSize }, (_, n) => ({ n })),
			),
			benchwork(
				'Trigger Batch',
				{
					resource: 'workflow',
					operation: 'trigger',
					workflowId: byId('wf_orders_sync'),
					payload: '={{ JSON.stringify({ n: $json.n }) }}',
					options: {},
				},
				credential,
			),
		],
	]);
}

/** n8n's Edit Fields (Set) node setting each field of `fields` (name → value or expression) as text. */
function setFields(name, fields) {
	const assignments = Object.entries(fields).map(([field, value]) => ({
		id: randomUUID(),
		name: field,
		type: 'string',
		value,
	}));
	return node(
		name,
		'n8n-nodes-base.set',
		{ mode: 'manual', assignments: { assignments } },
		{
			typeVersion: 3.4,
		},
	);
}

/** A Manual Trigger and one Benchwork node named "Benchwork". */
function oneNodeWorkflow(name, parameters, credential) {
	return manualWorkflow(name, [[benchwork('Benchwork', parameters, credential)]]);
}

/**
 * A batch of triggers, one workflow per item, with n8n's Retry On Fail on the node (node-level
 * settings: retryOnFail, maxTries, waitBetweenTries).
 */
function retryingTriggerWorkflow(credential, { workflowIds, maxTries = 3 }) {
	return manualWorkflow('Benchwork e2e: Retry On Fail', [
		[
			code(
				'Batch',
				workflowIds.map((workflowId, n) => ({ workflowId, n })),
			),
			benchwork(
				'Benchwork',
				{
					resource: 'workflow',
					operation: 'trigger',
					workflowId: byId('={{ $json.workflowId }}'),
					payload: '={{ JSON.stringify({ n: $json.n }) }}',
				},
				credential,
				{ retryOnFail: true, maxTries, waitBetweenTries: 100 },
			),
		],
	]);
}

/** Benchwork Trigger → HTTP Request posting what it received to the sandbox's echo endpoint. */
function triggerWorkflow(credential, { echoUrl, tag }) {
	const webhookId = randomUUID();
	const trigger = node(
		'Benchwork Trigger',
		BENCHWORK_TRIGGER,
		{ events: ['execution.completed', 'execution.failed'], options: {} },
		{ credentials: credentialRef(credential), webhookId, typeVersion: BENCHWORK_TRIGGER_VERSION },
	);
	const echo = node(
		'Echo',
		'n8n-nodes-base.httpRequest',
		{
			method: 'POST',
			url: echoUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ tag: ${JSON.stringify(tag)}, received: $json }) }}`,
			options: {},
		},
		{ typeVersion: 4.2 },
	);
	return {
		webhookId,
		workflow: {
			name: `Benchwork e2e: trigger (${tag})`,
			nodes: [trigger, echo],
			connections: { 'Benchwork Trigger': { main: [[{ node: 'Echo', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
	};
}

/** The Benchwork Polling Trigger's node name in the suites' workflows. */
const POLLING_TRIGGER = 'Benchwork Polling Trigger';
/** How often the suites' polling workflows poll. */
const POLL_EVERY_S = 10;

/**
 * pollingTriggerWorkflow({ name, credential, workflowIds }) -> a workflow whose Benchwork
 * Polling Trigger polls every POLL_EVERY_S seconds for both events, as six once-a-minute crons
 * (n8n 1.123 refuses a `*` in the seconds field, 2.41 anything but one fixed second), filtered to
 * `workflowIds` when given.
 */
function pollingTriggerWorkflow({ name, credential, workflowIds = [] }) {
	const seconds = Array.from({ length: 60 / POLL_EVERY_S }, (_, n) => n * POLL_EVERY_S);
	return {
		name,
		nodes: [
			{
				id: randomUUID(),
				name: POLLING_TRIGGER,
				type: 'n8n-nodes-benchwork.benchworkPollingTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: {
						item: seconds.map((s) => ({ mode: 'custom', cronExpression: `${s} * * * * *` })),
					},
					events: ['execution.completed', 'execution.failed'],
					options: workflowIds.length ? { workflowIds } : {},
				},
				credentials: { benchworkApi: { id: credential.id, name: credential.name } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * webhookToNoOp(name, startNode) -> { webhookId, workflow }: `startNode` (a webhook trigger,
 * given without id, position or webhookId) followed by No Operation, the cheapest run a delivery
 * can start.
 */
function webhookToNoOp(name, startNode) {
	const webhookId = randomUUID();
	const start = { id: randomUUID(), ...startNode, position: [0, 0], webhookId };
	const noOp = {
		id: randomUUID(),
		name: 'No Operation',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};
	return {
		webhookId,
		workflow: {
			name,
			nodes: [start, noOp],
			connections: { [start.name]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
	};
}

module.exports = {
	webhookToNoOp,
	pollingTriggerWorkflow,
	POLLING_TRIGGER,
	POLL_EVERY_S,
	operationsWorkflow,
	oneNodeWorkflow,
	manualWorkflow,
	setFields,
	retryingTriggerWorkflow,
	triggerWorkflow,
	byId,
	BENCHWORK,
	BENCHWORK_TRIGGER,
	BENCHWORK_TRIGGER_VERSION,
	benchwork,
};
