#!/usr/bin/env node
'use strict';
// The end-to-end suite: our packed package inside real n8n, both lines users run (see README):
//   npm pack -> install as a community package -> start the sandbox and n8n -> node and
//   credential types with icons -> credential (REST) and its Test -> every action-node operation
//   through n8n's engine (CLI `n8n execute`), with Continue On Fail and a batch over the rate
//   limit -> faults give node errors without leaking the key -> the trigger: activation
//   registers exactly one hook, a real delivery runs the workflow, a forged one runs nothing,
//   a replayed one runs once,
//   a restart keeps exactly one hook, deactivation removes it.
// Usage: node test/e2e/run.js [n8n-1|n8n-2 ...]   (after npm run build and bash test/e2e/install.sh)
// Ends with "N passed, N failed"; exit code 1 on any failure.
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const { KEYS, signDelivery } = require('../sandbox/server');
const e2e = require('./lib');
const {
	failingWorkflow,
	operationsWorkflow,
	retryingTriggerWorkflow,
	triggerWorkflow,
	byId,
} = require('./workflows');

const ROOT = path.resolve(__dirname, '..', '..');
const KEY = KEYS.enterprise;
const WRONG_KEY = 'bw_live_e2e_wrong_key_never_shown';
const STARTER_KEY = KEYS.starter;
const BATCH = 45;

const stages = new e2e.Stages('[e2e]');
const checks = new e2e.Checks();
const check = (name, fn) => checks.check(name, fn);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(url, body) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return res.status;
}

function hooksAt(all, n8n) {
	return all.filter((hook) => hook.url.startsWith(n8n.webhookUrl));
}

/** Everything n8n keeps of an execution, as text, to search for secrets. */
async function savedText(rest, workflowId) {
	const list = await rest.listExecutions({ workflowId });
	const full = await Promise.all(list.map((e) => rest.getExecution(e.id)));
	return JSON.stringify(full) + JSON.stringify(await rest.getWorkflow(workflowId));
}

async function checkTypes(n8n, rest) {
	const types = await rest.nodeTypes();
	for (const name of ['benchwork', 'benchworkTrigger', 'benchworkPollingTrigger']) {
		await check(`n8n lists n8n-nodes-benchwork.${name} with light and dark icons`, async () => {
			const type = types.find((t) => t.name === `n8n-nodes-benchwork.${name}`);
			assert.ok(type, 'node type missing');
			assert.ok(
				type.iconUrl && type.iconUrl.light && type.iconUrl.dark,
				`iconUrl ${JSON.stringify(type.iconUrl)}`,
			);
			const light = await e2e.httpGet(`${n8n.baseUrl}/${type.iconUrl.light.replace(/^\//, '')}`);
			const dark = await e2e.httpGet(`${n8n.baseUrl}/${type.iconUrl.dark.replace(/^\//, '')}`);
			assert.strictEqual(light.status, 200);
			assert.strictEqual(dark.status, 200);
			assert.match(light.body, /<svg/);
			assert.notStrictEqual(light.body, dark.body, 'dark icon differs from light');
		});
	}
	await check('n8n lists the benchworkApi credential type', async () => {
		const credentials = await rest.credentialTypes();
		const type = credentials.find((c) => c.name === 'benchworkApi');
		assert.ok(type, 'credential type missing');
		const names = type.properties.map((p) => p.name);
		assert.deepStrictEqual(names.slice(0, 2), ['apiKey', 'baseUrl'], names.join(', '));
	});
}

async function checkCredential(rest, sandbox) {
	const credential = await rest.createCredential({
		name: 'Benchwork sandbox',
		type: 'benchworkApi',
		data: { apiKey: KEY, baseUrl: sandbox.baseUrl },
	});
	await check('the credential Test passes with an Enterprise key', async () => {
		const result = await rest.testCredential({
			...credential,
			type: 'benchworkApi',
			data: { apiKey: KEY, baseUrl: sandbox.baseUrl },
		});
		assert.strictEqual(result.status, 'OK', JSON.stringify(result));
	});
	const wrong = await rest.createCredential({
		name: 'Benchwork wrong key',
		type: 'benchworkApi',
		data: { apiKey: WRONG_KEY, baseUrl: sandbox.baseUrl },
	});
	// 2.x throws on 401/403 alone and applies the status rules; 1.x ignores every status there, so
	// the body rules decide: the same wording on both lines.
	await check(
		'the credential Test fails a wrong key (401), saying where to get a new one',
		async () => {
			const result = await rest.testCredential({
				...wrong,
				type: 'benchworkApi',
				data: { apiKey: WRONG_KEY, baseUrl: sandbox.baseUrl },
			});
			assert.strictEqual(result.status, 'Error');
			assert.match(result.message, /did not accept this API key \(401\)/);
			assert.ok(!JSON.stringify(result).includes(WRONG_KEY), 'key not in the answer');
		},
	);
	const starter = await rest.createCredential({
		name: 'Benchwork starter plan',
		type: 'benchworkApi',
		data: { apiKey: STARTER_KEY, baseUrl: sandbox.baseUrl },
	});
	await check(
		'the credential Test fails a key without the Enterprise plan (403), saying how to upgrade',
		async () => {
			const result = await rest.testCredential({
				...starter,
				type: 'benchworkApi',
				data: { apiKey: STARTER_KEY, baseUrl: sandbox.baseUrl },
			});
			assert.strictEqual(result.status, 'Error');
			assert.match(result.message, /no API access \(403\).*Enterprise plan/);
		},
	);
	await check(
		'the credential Test fails a login page answered with 200 (no workflow list)',
		async () => {
			await sandbox.addFault({
				method: 'GET',
				path: '/workflows',
				status: 200,
				body: '<html>Sign in</html>',
				contentType: 'text/html',
				times: 0,
			});
			try {
				const result = await rest.testCredential({
					...credential,
					type: 'benchworkApi',
					data: { apiKey: KEY, baseUrl: sandbox.baseUrl },
				});
				assert.strictEqual(result.status, 'Error');
				assert.match(result.message, /did not answer with a list of workflows/);
			} finally {
				await sandbox.clearFaults();
			}
		},
	);
	return { credential, wrong };
}

/** What the editor asks when a user opens the Workflow list (resource locator, "From List"). */
async function checkListSearch(rest, credential) {
	await check(
		'the editor’s workflow list shows Benchwork workflows by name, filtered as typed',
		async () => {
			const answer = await rest.data(
				'POST',
				'/rest/dynamic-node-parameters/resource-locator-results',
				{
					body: {
						path: 'parameters.workflowId',
						nodeTypeAndVersion: { name: 'n8n-nodes-benchwork.benchwork', version: 1 },
						methodName: 'searchWorkflows',
						currentNodeParameters: {
							resource: 'workflow',
							operation: 'get',
							workflowId: { __rl: true, mode: 'list', value: '' },
						},
						credentials: { benchworkApi: { id: credential.id, name: credential.name } },
						filter: 'orders',
					},
				},
			);
			assert.ok(answer.results.length > 0, JSON.stringify(answer));
			assert.ok(
				answer.results.some(
					(r) => r.name === 'Orders sync (active)' && r.value === 'wf_orders_sync',
				),
				JSON.stringify(answer.results),
			);
			assert.ok(answer.results.every((r) => /orders/i.test(`${r.name} ${r.value}`)));
		},
	);
}

async function checkOperations(line, userFolder, rest, sandbox, credential) {
	await sandbox.reset();
	// 20 calls per 2 s: the batch of 45 triggers (plus the other nodes' calls) crosses windows.
	await sandbox.configure({ rateLimit: { limit: 20, windowMs: 2000 } });
	const workflow = await rest.createWorkflow(operationsWorkflow(credential, { batchSize: BATCH }));
	const result = await e2e.executeWorkflow({
		line,
		userFolder,
		id: workflow.id,
		allowFailure: true,
	});
	await check('the workflow running every operation finishes without error', async () => {
		assert.ok(
			result.ok,
			`run failed: ${JSON.stringify(e2e.executionError(result.run))}\n${result.errors.join('\n')}`,
		);
	});
	if (!result.run) return;
	const items = (name) => e2e.outputItems(result.run, name);
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

async function checkFaults(line, userFolder, n8n, rest, sandbox, { credential, wrong }) {
	const down = await rest.createCredential({
		name: 'Benchwork down',
		type: 'benchworkApi',
		data: { apiKey: KEY, baseUrl: `http://127.0.0.1:${await e2e.freePort()}/api/v1` },
	});
	const getOrders = { resource: 'workflow', operation: 'get', workflowId: byId('wf_orders_sync') };
	const cases = [
		['a wrong API key', getOrders, wrong, null, /^Benchwork did not accept the API key \(401\)/],
		[
			'a deleted workflow',
			{ ...getOrders, workflowId: byId('wf_deleted_since') },
			credential,
			null,
			/^Benchwork has no workflow "wf_deleted_since" \(404\)/,
		],
		[
			'the sandbox down',
			getOrders,
			down,
			null,
			/^Could not get an answer from Benchwork at .*: the connection was refused/,
		],
		[
			'the sandbox answering 500s',
			getOrders,
			credential,
			{ method: 'GET', path: '/workflows', status: 500, times: 0 },
			/^Benchwork had a server error \(500\)/,
		],
	];
	for (const [label, parameters, cred, fault, message] of cases) {
		await check(
			`${label}: a clear node error in the saved execution, n8n unharmed, no key in it`,
			async () => {
				await sandbox.reset();
				if (fault) await sandbox.addFault(fault);
				const workflow = await rest.createWorkflow(
					failingWorkflow(`Benchwork e2e: ${label}`, parameters, cred),
				);
				const result = await e2e.executeWorkflow({
					line,
					userFolder,
					id: workflow.id,
					allowFailure: true,
				});
				assert.strictEqual(result.ok, false, 'the run failed');
				const execution = await rest.waitForExecution({ workflowId: workflow.id });
				assert.strictEqual(execution.status, 'error');
				const nodeRun = e2e.findRunData(execution).Benchwork[0];
				assert.match(nodeRun.error.message, message);
				assert.ok(nodeRun.error.description, 'the error says how to fix it');
				assert.strictEqual(
					(await e2e.httpGet(`${n8n.baseUrl}/healthz`)).status,
					200,
					'n8n still healthy',
				);
				const saved = await savedText(rest, workflow.id);
				assert.ok(
					!saved.includes(KEY) && !saved.includes(WRONG_KEY),
					'no API key in the saved execution',
				);
			},
		);
	}
	await sandbox.reset();
}

/** A redirect is never followed; Retry On Fail never starts a run twice. */
async function checkHardening(line, userFolder, rest, sandbox, credential) {
	const elsewhere = await e2e.startCaptureServer();
	try {
		const cases = [
			[
				'GET',
				'/workflows',
				302,
				{ resource: 'workflow', operation: 'get', workflowId: byId('wf_orders_sync') },
			],
			[
				'POST',
				'/trigger',
				307,
				{
					resource: 'workflow',
					operation: 'trigger',
					workflowId: byId('wf_orders_sync'),
					payload: '{"orderId": 42}',
				},
			],
		];
		for (const [method, pathPart, status, parameters] of cases) {
			await check(
				`a ${status} to another host answering ${method} is not followed: that host gets nothing, the error names status and origin`,
				async () => {
					await sandbox.reset();
					await sandbox.addFault({
						method,
						path: pathPart,
						status,
						body: '',
						headers: { Location: `${elsewhere.origin}/api/v1/elsewhere` },
						times: 0,
					});
					const workflow = await rest.createWorkflow(
						failingWorkflow(`Benchwork e2e: redirect ${status}`, parameters, credential),
					);
					const result = await e2e.executeWorkflow({
						line,
						userFolder,
						id: workflow.id,
						allowFailure: true,
					});
					assert.strictEqual(result.ok, false, 'the run failed');
					const execution = await rest.waitForExecution({ workflowId: workflow.id });
					const nodeRun = e2e.findRunData(execution).Benchwork[0];
					assert.strictEqual(
						nodeRun.error.message,
						`Benchwork at ${sandbox.baseUrl} answered with a redirect (${status}) to ${elsewhere.origin}; it was not followed [item 0]`,
					);
					assert.deepStrictEqual(elsewhere.requests, [], 'the other host received nothing');
					assert.deepStrictEqual((await sandbox.stats()).executionsStarted, {});
					assert.ok(
						!(await savedText(rest, workflow.id)).includes(KEY),
						'no API key in the saved execution',
					);
				},
			);
		}
	} finally {
		await elsewhere.close();
	}

	await check(
		'Retry On Fail, a 500 after the middle item’s run was created: no run is started twice',
		async () => {
			await sandbox.reset();
			const workflowIds = [
				'wf_orders_sync',
				'wf_customer_export',
				'wf_inventory_eu',
				'wf_abandoned_cart',
				'wf_inventory_us',
			];
			await sandbox.addFault({
				method: 'POST',
				path: '/workflows/wf_inventory_eu/trigger',
				status: 500,
				afterHandling: true,
				times: 1,
			});
			const workflow = await rest.createWorkflow(
				retryingTriggerWorkflow(credential, { workflowIds, maxTries: 3 }),
			);
			const result = await e2e.executeWorkflow({
				line,
				userFolder,
				id: workflow.id,
				allowFailure: true,
			});
			assert.strictEqual(result.ok, false, 'the run failed');
			const execution = await rest.waitForExecution({ workflowId: workflow.id });
			const nodeRun = e2e.findRunData(execution).Benchwork[0];
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
			const workflowIds = [
				'wf_orders_sync',
				'wf_customer_export',
				'wf_inventory_eu',
				'wf_abandoned_cart',
				'wf_inventory_us',
			];
			await sandbox.addFault({
				method: 'POST',
				path: '/workflows/wf_inventory_eu/trigger',
				status: 400,
				times: 1,
			});
			const workflow = await rest.createWorkflow(
				retryingTriggerWorkflow(credential, { workflowIds, maxTries: 2 }),
			);
			const result = await e2e.executeWorkflow({
				line,
				userFolder,
				id: workflow.id,
				allowFailure: true,
			});
			assert.ok(result.ok, `run failed: ${JSON.stringify(e2e.executionError(result.run))}`);
			const out = e2e.outputItems(result.run, 'Benchwork');
			assert.deepStrictEqual(
				out.map((item) => item.workflowId),
				workflowIds,
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

async function checkTrigger(line, userFolder, n8nStart, rest, sandbox, credential) {
	let n8n = n8nStart;
	await sandbox.reset();
	const { workflow, webhookId } = triggerWorkflow(credential, {
		echoUrl: `${sandbox.origin}/_sandbox/echo`,
		tag: line.id,
	});
	const created = await rest.createWorkflow(workflow);
	const productionUrl = () => `${n8n.webhookUrl}webhook/${webhookId}/webhook`;
	const echoes = async () => (await sandbox.echo()).filter((e) => e && e.tag === line.id);

	await check(
		'activation registers exactly one hook, at the production URL, for both events',
		async () => {
			await rest.activate(created.id);
			const hooks = hooksAt(await sandbox.webhooks(), n8n);
			assert.strictEqual(hooks.length, 1, JSON.stringify(hooks.map((h) => h.url)));
			assert.strictEqual(hooks[0].url, productionUrl());
			assert.deepStrictEqual([...hooks[0].events].sort(), [
				'execution.completed',
				'execution.failed',
			]);
		},
	);

	async function runRemote(workflowId, event) {
		const started = await sandbox.api('POST', `/workflows/${workflowId}/trigger`, {}, KEY);
		assert.strictEqual(started.status, 201, JSON.stringify(started.body));
		const executionId = started.body.executionId;
		const echo = await sandbox.waitFor(
			async () =>
				(await echoes()).find(
					(e) => e.received && e.received.execution && e.received.execution.id === executionId,
				),
			{ timeoutMs: 30000, what: `n8n to echo ${event} of ${executionId}` },
		);
		assert.strictEqual(echo.received.event, event);
		assert.strictEqual(echo.received.execution.workflowId, workflowId);
		assert.ok(echo.received.deliveryId);
	}

	await check(
		'a finished Benchwork run starts the n8n workflow with the delivery (execution.completed)',
		() => runRemote('wf_orders_sync', 'execution.completed'),
	);
	await check('a failed Benchwork run starts it with execution.failed', () =>
		runRemote('wf_flaky_payments', 'execution.failed'),
	);

	await check('a forged delivery gets 401 and runs nothing', async () => {
		const [hook] = hooksAt(await sandbox.webhooks(), n8n);
		const before = (await rest.listExecutions({ workflowId: created.id })).length;
		const echoed = (await echoes()).length;
		const forged = await sandbox.deliver({
			webhookId: hook.webhookId,
			tamper: { secret: 'not-the-secret' },
		});
		assert.strictEqual(forged.status, 401);
		const unsigned = await post(productionUrl(), {
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
			const [hook] = hooksAt(await sandbox.webhooks(), n8n);
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
			await sandbox.waitFor(
				async () =>
					(await echoes()).some((e) => e.received && e.received.deliveryId === deliveryId),
				{ timeoutMs: 30000, what: 'the echo of the first delivery' },
			);
			await sleep(1500);
			assert.strictEqual(
				(await echoes()).filter((e) => e.received && e.received.deliveryId === deliveryId).length,
				1,
				'started once',
			);
		},
	);

	await check(
		'the webhook secret and API key are nowhere in saved executions or the workflow',
		async () => {
			const [hook] = hooksAt(await sandbox.webhooks(), n8n);
			assert.ok(hook.secret);
			const saved = await savedText(rest, created.id);
			assert.ok(!saved.includes(hook.secret), 'secret found');
			assert.ok(!saved.includes(KEY), 'API key found');
		},
	);

	await stages.run(`${line.id}: restart n8n`, async () => {
		await n8n.stop();
		n8n = await e2e.startN8n({ line, userFolder, port: n8n.port });
	});
	const restarted = new e2e.N8nRest(n8n);
	await restarted.login();
	await check(
		'after a restart there is still exactly one hook, and deliveries still run the workflow',
		async () => {
			// 2.x re-registers its webhooks asynchronously after start: wait until the route answers.
			await sandbox.waitFor(async () => (await post(productionUrl(), {})) !== 404, {
				timeoutMs: 60000,
				what: 'the webhook route after restart',
			});
			assert.strictEqual(hooksAt(await sandbox.webhooks(), n8n).length, 1);
			await runRemote('wf_orders_sync', 'execution.completed');
			assert.strictEqual(hooksAt(await sandbox.webhooks(), n8n).length, 1);
		},
	);

	await check('deactivation removes the hook', async () => {
		await restarted.deactivate(created.id);
		assert.deepStrictEqual(hooksAt(await sandbox.webhooks(), n8n), []);
	});
	return n8n;
}

async function runLine(id, tarball, sandbox) {
	const line = e2e.getLine(id);
	console.log(`\n[e2e] ${line.id}: n8n ${line.n8nVersion} on Node.js ${line.nodeVersion}`);
	if (!line.installed) throw new Error(`${line.id} is not installed: bash test/e2e/install.sh`);
	const userFolder = e2e.makeUserFolder(`suite-${line.id}`);
	await stages.run(`${line.id}: install the package as a community package`, async () => {
		e2e.installCommunityPackage(userFolder, tarball);
	});
	let n8n = await stages.run(`${line.id}: start n8n`, () => e2e.startN8n({ line, userFolder }));
	try {
		const rest = new e2e.N8nRest(n8n);
		await rest.ensureOwner();
		await stages.run(`${line.id}: node and credential types`, () => checkTypes(n8n, rest));
		const credentials = await stages.run(`${line.id}: credential`, () =>
			checkCredential(rest, sandbox),
		);
		await stages.run(`${line.id}: list search`, () =>
			checkListSearch(rest, credentials.credential),
		);
		await stages.run(`${line.id}: every operation`, () =>
			checkOperations(line, userFolder, rest, sandbox, credentials.credential),
		);
		await stages.run(`${line.id}: faults`, () =>
			checkFaults(line, userFolder, n8n, rest, sandbox, credentials),
		);
		await stages.run(`${line.id}: redirects and Retry On Fail`, () =>
			checkHardening(line, userFolder, rest, sandbox, credentials.credential),
		);
		n8n = await stages.run(`${line.id}: trigger`, () =>
			checkTrigger(line, userFolder, n8n, rest, sandbox, credentials.credential),
		);
		n8n = await stages.run(`${line.id}: polling trigger`, () =>
			require('./cases/pollingTrigger').run({
				line,
				userFolder,
				n8n,
				sandbox,
				credential: credentials.credential,
				check,
				e2e,
			}),
		);
	} finally {
		await n8n.stop();
	}
}

async function main() {
	const lines = process.argv.slice(2).length ? process.argv.slice(2) : e2e.lineIds();
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Benchwork', 'Benchwork.node.js'))) {
		throw new Error('dist/ is missing: run npm run build first');
	}
	const tarball = await stages.run('npm pack', async () => e2e.npmPack(ROOT));
	console.log(`  ${path.relative(ROOT, tarball)}`);
	const sandbox = await stages.run('start the sandbox', () => e2e.startSandboxProcess());
	try {
		for (const id of lines) {
			try {
				await runLine(id, tarball, sandbox);
			} catch (error) {
				checks.fail(id, error);
			}
		}
	} finally {
		await sandbox.stop();
	}
	console.log(`\n${stages.summary()}`);
	console.log(`\n${checks.summaryLine()}`);
	process.exit(checks.failed ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
