// @ts-check
'use strict';

/**
 * The Benchwork Polling Trigger in real n8n: activation records where Benchwork is (earlier runs
 * never start the workflow), each finished run reaches the workflow once with the right data
 * (one n8n execution per poll), a stopped n8n catches up on start with nothing twice, and
 * deactivation stops polling.
 *
 * Poll Times: six custom crons a minute (seconds 0, 10, …, 50), each "once a minute" for n8n
 * (1.123 refuses a `*` in the seconds field, 2.41 anything but one fixed second), so n8n polls
 * every 10 s on both lines.
 *
 * It restarts n8n (its port is reused) and leaves the running one in ctx.n8n / ctx.rest.
 */

const { pollingTriggerWorkflow, POLLING_TRIGGER, POLL_EVERY_S } = require('../workflows');
const assert = require('assert');

const { KEYS } = require('../../sandbox/server');
const e2e = require('../lib');
const { outputItems } = require('../lib/rest');

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

const title =
	'the polling trigger: activation, one item per run, catch-up after a stop, deactivation';

/** @param {any} ctx */
async function run(ctx) {
	const { line, userFolder, sandbox, check } = ctx;
	const credential = ctx.credentials.credential;
	let n8n = ctx.n8n;
	let rest = new e2e.N8nRest(n8n);
	await rest.login();
	await sandbox.reset();
	// Runs stay running until the test finishes them.
	for (const id of ['wf_orders_sync', 'wf_flaky_payments'])
		await sandbox.setWorkflow(id, { durationMs: null });

	/** Starts a Benchwork run and finishes it now; resolves with its ID. */
	async function finishedRun(/** @type {string} */ workflowId, status = 'success') {
		const started = await sandbox.api(
			'POST',
			`/workflows/${workflowId}/trigger`,
			{},
			KEYS.enterprise,
		);
		assert.strictEqual(started.status, 201, JSON.stringify(started.body));
		const id = started.body.executionId;
		await sandbox.finishExecution(id, { status });
		return id;
	}

	const created = await rest.createWorkflow(
		pollingTriggerWorkflow({
			name: `Benchwork e2e: polling trigger (${line.id})`,
			credential,
			workflowIds: ['wf_orders_sync', 'wf_flaky_payments'],
		}),
	);

	/** Every item the workflow's n8n executions started with: [{ n8nExecution, json }]. */
	async function startedItems() {
		const executions = await rest.listExecutions({ workflowId: created.id });
		const out = [];
		for (const summary of executions) {
			if (['new', 'running', 'waiting'].includes(summary.status)) continue;
			const execution = await rest.getExecution(summary.id);
			for (const json of outputItems(execution, POLLING_TRIGGER))
				out.push({ n8nExecution: String(summary.id), json });
		}
		return out;
	}
	const runIds = async () => (await startedItems()).map((item) => item.json.execution.id);
	/** Waits until every one of ids was started (a few polls; the machine may be busy). */
	async function waitForRuns(/** @type {string[]} */ ids, /** @type {string} */ what) {
		await sandbox.waitFor(
			async () => {
				const seen = await runIds();
				return ids.every((id) => seen.includes(id));
			},
			{ timeoutMs: 120000, intervalMs: 1000, what },
		);
	}

	await check('polling trigger: n8n shows it with its own Poll Times field', async () => {
		const types = await rest.nodeTypes();
		const type = types.find(
			(/** @type {{ name: string }} */ t) =>
				t.name === 'n8n-nodes-benchwork.benchworkPollingTrigger',
		);
		assert.ok(type, 'node type missing');
		assert.strictEqual(type.displayName, 'Benchwork Polling Trigger');
		const names = type.properties.map((/** @type {{ name: string }} */ p) => p.name);
		assert.ok(names.includes('pollTimes'), names.join(', '));
		assert.ok(names.includes('events') && names.includes('options'), names.join(', '));
	});

	const beforeActivation = await finishedRun('wf_orders_sync');

	await check(
		'polling trigger: activation starts nothing for runs that finished before it',
		async () => {
			await rest.activate(created.id);
			await sleep((POLL_EVERY_S + 3) * 1000);
			assert.deepStrictEqual(await runIds(), []);
		},
	);

	const live = [
		await finishedRun('wf_orders_sync'),
		await finishedRun('wf_flaky_payments', 'failed'),
	];
	await check(
		'polling trigger: each run that finishes starts the workflow once, with the run and its event',
		async () => {
			await waitForRuns(live, 'the polling trigger to start the workflow for two runs');
			await sleep((POLL_EVERY_S + 2) * 1000);
			const items = await startedItems();
			assert.deepStrictEqual(
				items.map((item) => item.json.execution.id).sort(),
				[...live].sort(),
				'each run once',
			);
			const byId = Object.fromEntries(items.map((item) => [item.json.execution.id, item.json]));
			assert.strictEqual(byId[live[0]].event, 'execution.completed');
			assert.strictEqual(byId[live[0]].execution.workflowId, 'wf_orders_sync');
			assert.strictEqual(byId[live[0]].execution.status, 'success');
			assert.strictEqual(byId[live[1]].event, 'execution.failed');
			assert.strictEqual(byId[live[1]].execution.status, 'failed');
			assert.match(String(byId[live[1]].deliveryId), /^poll_[0-9a-f]{32}$/);
		},
	);

	const whileStopped = [];
	await check(
		'polling trigger: runs that finish while n8n is stopped are caught up on start, none twice',
		async () => {
			await n8n.stop();
			whileStopped.push(await finishedRun('wf_flaky_payments', 'failed'));
			whileStopped.push(await finishedRun('wf_orders_sync'));
			n8n = await e2e.startN8n({ line, userFolder, port: n8n.port, timeoutMs: 300000 });
			rest = new e2e.N8nRest(n8n);
			await rest.login();
			await waitForRuns(whileStopped, 'the catch-up after a restart');
			await sleep((POLL_EVERY_S + 2) * 1000);
			const ids = await runIds();
			assert.deepStrictEqual([...ids].sort(), [...live, ...whileStopped].sort(), 'each run once');
			assert.ok(!ids.includes(beforeActivation), 'the run from before activation never started it');
			// Oldest first inside the catch-up execution.
			const caughtUp = (await startedItems()).filter((item) =>
				whileStopped.includes(item.json.execution.id),
			);
			if (new Set(caughtUp.map((item) => item.n8nExecution)).size === 1)
				assert.deepStrictEqual(
					caughtUp.map((item) => item.json.execution.id),
					[...caughtUp]
						.sort(
							(a, b) =>
								Date.parse(a.json.execution.finishedAt) - Date.parse(b.json.execution.finishedAt),
						)
						.map((item) => item.json.execution.id),
				);
		},
	);

	await check('polling trigger: deactivation stops polling', async () => {
		await rest.deactivate(created.id);
		const before = (await rest.listExecutions({ workflowId: created.id })).length;
		const requestsBefore = (await sandbox.stats()).requests.length;
		await finishedRun('wf_orders_sync');
		await sleep((POLL_EVERY_S + 3) * 1000);
		assert.strictEqual((await rest.listExecutions({ workflowId: created.id })).length, before);
		const polls = (await sandbox.stats()).requests
			.slice(requestsBefore)
			.filter((/** @type {{ path: string }} */ request) => request.path === '/api/v1/executions');
		assert.deepStrictEqual(polls, [], 'no GET /executions after deactivation');
	});

	for (const id of ['wf_orders_sync', 'wf_flaky_payments'])
		await sandbox.setWorkflow(id, { durationMs: 'default' });
	ctx.n8n = n8n;
	ctx.rest = rest;
}

module.exports = { title, run };
