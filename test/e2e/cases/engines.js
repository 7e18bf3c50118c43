'use strict';
// What n8n's next engines (the next-engines profile, docs/next-engines.md) change for the nodes:
// QuickJS runs the expressions (proved by where an Error's stack comes from), and SSRF protection
// refuses a Benchwork on a private address until the address (or its host name) is allowed, the
// way the README tells users, shown against runs of the same workflow with other SSRF settings. The polling trigger under the durable scheduler is
// in cases/pollingTrigger.js. On a line without these settings the case says so and checks nothing.
const assert = require('assert');
const { KEYS } = require('../../sandbox/server');
const { executeWorkflow, outputItems, runToNodeError } = require('../lib');
const { byId, manualWorkflow, oneNodeWorkflow, setFields } = require('../workflows');

const title = "n8n's next engines: QuickJS expressions, SSRF protection";

const getOrders = { resource: 'workflow', operation: 'get', workflowId: byId('wf_orders_sync') };

/** An expression's view of the engine that runs it: where an Error's stack says it was thrown. */
function engineProbe() {
	return manualWorkflow('Benchwork e2e: which expression engine', [
		[setFields('Engine', { stack: '={{ String(new Error().stack) }}' })],
	]);
}

async function checkQuickJs(ctx) {
	const { line, userFolder, rest, check } = ctx;
	const workflow = await rest.createWorkflow(engineProbe());
	await check(
		'N8N_EXPRESSION_ENGINE=quickjs: expressions run in QuickJS (an Error’s stack is QuickJS’s; by default it names <isolated-vm>)',
		async () => {
			const result = await executeWorkflow({ line, userFolder, id: workflow.id });
			const { stack } = outputItems(result.run, 'Engine')[0];
			assert.doesNotMatch(stack, /isolated-vm/, stack);
			assert.match(stack, /\(native\)/, stack);
		},
	);
}

/** Runs Workflow → Get against `credential` with SSRF settings that let it through; its output. */
async function getAllowed(ctx, credential, env) {
	const { line, userFolder, rest } = ctx;
	const workflow = await rest.createWorkflow(
		oneNodeWorkflow('Benchwork e2e: SSRF, allowed', getOrders, credential),
	);
	const result = await executeWorkflow({ line, userFolder, id: workflow.id, env });
	return outputItems(result.run, 'Benchwork')[0];
}

/**
 * Two runs beside the profile's own setting (the sandbox's address allowed by
 * N8N_SSRF_ALLOWED_IP_RANGES, which every other case runs with): the address allowed only as a
 * host name, and a host name allowed as one.
 */
async function checkSsrf(ctx) {
	const { rest, sandbox, check, credentials } = ctx;
	const notAllowed = { N8N_SSRF_ALLOWED_IP_RANGES: '', N8N_SSRF_ALLOWED_HOSTNAMES: '' };
	await check(
		'SSRF protection on, the Base URL’s address not allowed (N8N_SSRF_ALLOWED_HOSTNAMES holding it does not count: n8n checks an address against the ranges only): the request never leaves n8n, and the node’s error names n8n’s SSRF protection and N8N_SSRF_ALLOWED_IP_RANGES with that address',
		async () => {
			await sandbox.reset();
			const { nodeRun } = await runToNodeError(
				ctx,
				oneNodeWorkflow('Benchwork e2e: SSRF, not allowed', getOrders, credentials.credential),
				'Benchwork',
				{ env: { ...notAllowed, N8N_SSRF_ALLOWED_HOSTNAMES: '127.0.0.1' } },
			);
			assert.strictEqual((await sandbox.stats()).requests.length, 0, 'the sandbox got nothing');
			assert.match(nodeRun.error.message, /^n8n's SSRF protection blocked the request/);
			assert.match(nodeRun.error.description, /N8N_SSRF_ALLOWED_IP_RANGES=127\.0\.0\.1\/32/);
		},
	);
	await check(
		'SSRF protection on: a Base URL with a host name is allowed by N8N_SSRF_ALLOWED_HOSTNAMES',
		async () => {
			const named = await rest.createCredential({
				name: 'Benchwork by host name',
				type: 'benchworkApi',
				data: {
					apiKey: KEYS.enterprise,
					baseUrl: sandbox.baseUrl.replace('127.0.0.1', 'localhost'),
				},
			});
			const got = await getAllowed(ctx, named, {
				...notAllowed,
				N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost',
			});
			assert.strictEqual(got.id, 'wf_orders_sync');
		},
	);
}

async function run(ctx) {
	const { env } = ctx.line;
	const quickjs = env.N8N_EXPRESSION_ENGINE === 'quickjs';
	const ssrf = env.N8N_SSRF_PROTECTION_ENABLED === 'true';
	if (!quickjs && !ssrf) {
		console.log(
			`  (skipped: ${ctx.line.id} runs n8n's default expression engine, SSRF protection off)`,
		);
		return;
	}
	if (quickjs) await checkQuickJs(ctx);
	if (ssrf) await checkSsrf(ctx);
	await ctx.sandbox.reset();
}

module.exports = { title, run };
