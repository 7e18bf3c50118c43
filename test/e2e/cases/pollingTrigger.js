// @ts-check
'use strict';

/**
 * The Benchwork Polling Trigger in real n8n, under the poll engine the line runs (n8n's default,
 * or the durable scheduler of the next-engines profile): runs that finished before publication
 * never start the workflow; runs that finish right after it (before n8n's next poll) and later
 * each start it once, with the right data (one n8n execution per poll); a stopped n8n catches up
 * on start with nothing twice, also for a workflow published just before the stop that had
 * emitted nothing yet; deactivation stops polling. Where the durable scheduler behaves
 * differently (where it keeps the cursor, overdue Poll Times after a restart), a check says so.
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
	'the polling trigger: publication, one item per run, catch-up after a stop, deactivation';

const WATCHED = ['wf_orders_sync', 'wf_flaky_payments'];

/** Whether the line runs n8n's durable poll scheduler (the next-engines profile). */
function usesScheduler(/** @type {{ env: Record<string, string> }} */ line) {
	return line.env.N8N_SCHEDULER_POLL_TRIGGERS_ENABLED === 'true';
}

/** A time as n8n's SQLite tables keep it ("2026-12-06 13:58:20.000", UTC) -> ms. */
function sqliteTime(/** @type {string} */ text) {
	return Date.parse(`${text.replace(' ', 'T')}Z`);
}

/** @param {any} ctx */
async function run(ctx) {
	const { line, userFolder, sandbox, check } = ctx;
	const credential = ctx.credentials.credential;
	const scheduler = usesScheduler(line);
	let n8n = ctx.n8n;
	let rest = new e2e.N8nRest(n8n);
	await rest.login();
	await sandbox.reset();
	// Runs stay running until the test finishes them.
	for (const id of WATCHED) await sandbox.setWorkflow(id, { durationMs: null });

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

	async function pollingWorkflow(/** @type {string} */ name) {
		return rest.createWorkflow(
			pollingTriggerWorkflow({
				name: `Benchwork e2e: ${name} (${line.id})`,
				credential,
				workflowIds: WATCHED,
			}),
		);
	}

	/** Every item a workflow's n8n executions started with: [{ n8nExecution, json }]. */
	async function startedItems(/** @type {string} */ workflowId) {
		const executions = await rest.listExecutions({ workflowId });
		const out = [];
		for (const summary of executions) {
			if (['new', 'running', 'waiting'].includes(summary.status)) continue;
			const execution = await rest.getExecution(summary.id);
			for (const json of outputItems(execution, POLLING_TRIGGER))
				out.push({ n8nExecution: String(summary.id), json });
		}
		return out;
	}
	const runIds = async (/** @type {string} */ workflowId) =>
		(await startedItems(workflowId)).map((item) => item.json.execution.id);
	/** Waits until every one of ids started the workflow (a few polls; the machine may be busy). */
	async function waitForRuns(
		/** @type {string} */ workflowId,
		/** @type {string[]} */ ids,
		/** @type {string} */ what,
	) {
		await sandbox.waitFor(
			async () => {
				const seen = await runIds(workflowId);
				return ids.every((id) => seen.includes(id));
			},
			{ timeoutMs: 120000, intervalMs: 1000, what },
		);
	}
	/**
	 * Waits until each of ids started the workflow, then a poll more (so a second start would
	 * show): the runs it started are exactly ids, each once.
	 */
	async function assertStartedOnce(
		/** @type {string} */ workflowId,
		/** @type {string[]} */ ids,
		/** @type {string} */ what,
	) {
		await waitForRuns(workflowId, ids, what);
		await sleep((POLL_EVERY_S + 2) * 1000);
		const started = await runIds(workflowId);
		assert.deepStrictEqual([...started].sort(), [...ids].sort(), 'each run once');
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

	const first = await pollingWorkflow('polling trigger');
	const beforePublication = await finishedRun('wf_orders_sync');
	await rest.activate(first.id);
	// At once: before n8n's next poll (the durable scheduler's first one is its own, 0-10 s later).
	const live = [
		await finishedRun('wf_orders_sync'),
		await finishedRun('wf_flaky_payments', 'failed'),
	];
	await check(
		'polling trigger: runs that finish right after publication, before n8n polls again, each start the workflow once, with the run and its event',
		async () => {
			await assertStartedOnce(first.id, live, 'the polling trigger to start the workflow');
			const items = await startedItems(first.id);
			const byId = Object.fromEntries(items.map((item) => [item.json.execution.id, item.json]));
			assert.strictEqual(byId[live[0]].event, 'execution.completed');
			assert.strictEqual(byId[live[0]].execution.workflowId, 'wf_orders_sync');
			assert.strictEqual(byId[live[0]].execution.status, 'success');
			assert.strictEqual(byId[live[1]].event, 'execution.failed');
			assert.strictEqual(byId[live[1]].execution.status, 'failed');
			assert.match(String(byId[live[1]].deliveryId), /^poll_[0-9a-f]{32}$/);
		},
	);
	await check(
		'polling trigger: a run that finished before publication never starts it',
		async () => {
			assert.ok(!(await runIds(first.id)).includes(beforePublication));
		},
	);

	await check(
		scheduler
			? 'polling trigger, durable scheduler: n8n keeps the cursor in its own table (poller_state), the workflow’s static data only the baseline taken at publication'
			: 'polling trigger, n8n’s default poll engine: the cursor is in the workflow’s static data, beside the baseline taken at publication',
		async () => {
			const { staticData } = await rest.getWorkflow(first.id);
			const saved = staticData || {};
			const baselines = saved.global && saved.global.benchworkPollingBaselines;
			assert.ok(baselines && baselines[POLLING_TRIGGER], JSON.stringify(saved));
			const nodeCursor = (saved[`node:${POLLING_TRIGGER}`] || {}).benchworkCursor;
			if (!scheduler) {
				assert.ok(nodeCursor && live.every((id) => id in nodeCursor.seen), JSON.stringify(saved));
				return;
			}
			assert.strictEqual(nodeCursor, undefined, JSON.stringify(saved));
			const [row] = e2e.queryDatabase({
				line,
				userFolder,
				sql: 'SELECT cursor FROM poller_state WHERE workflowId = ?',
				params: [first.id],
			});
			assert.ok(row, 'a poller_state row for the trigger');
			const { benchworkCursor } = JSON.parse(row.cursor);
			assert.ok(
				live.every((id) => id in benchworkCursor.seen),
				row.cursor,
			);
		},
	);

	// Published just before n8n stops: it has taken its baseline, emitted nothing, and (under the
	// durable scheduler) not been polled by the scheduler yet.
	const second = await pollingWorkflow('polling trigger published just before a stop');
	await rest.activate(second.id);
	await n8n.stop();
	const stoppedAt = Date.now();
	const whileStopped = [
		await finishedRun('wf_flaky_payments', 'failed'),
		await finishedRun('wf_orders_sync'),
	];
	// Long enough for two of the six Poll Times to come due while n8n is down.
	if (scheduler) await sleep(2 * POLL_EVERY_S * 1000);
	n8n = await e2e.startN8n({ line, userFolder, port: n8n.port, timeoutMs: 300000 });
	const startedAgainAt = Date.now();
	rest = new e2e.N8nRest(n8n);
	await rest.login();

	await check(
		'polling trigger: runs that finish while n8n is stopped are caught up on start, none twice',
		async () => {
			await assertStartedOnce(first.id, [...live, ...whileStopped], 'the catch-up after a restart');
			// Oldest first inside the catch-up execution.
			const caughtUp = (await startedItems(first.id)).filter((item) =>
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
	await check(
		'polling trigger: a workflow published just before the stop, which had started nothing yet, catches up too, and nothing from before its publication',
		async () => {
			await assertStartedOnce(second.id, whileStopped, 'the second workflow’s catch-up');
		},
	);
	if (scheduler)
		await check(
			'polling trigger, durable scheduler: after the restart n8n ran the Poll Times that came due while it was down all at once, and each run still started the workflow once',
			async () => {
				// The tasks due while n8n was down, by when they started.
				const started = e2e
					.queryDatabase({
						line,
						userFolder,
						sql: "SELECT scheduledFor, startedAt FROM scheduled_task WHERE json_extract(payload, '$.workflowId') = ? AND startedAt IS NOT NULL",
						params: [first.id],
					})
					.filter((task) => {
						const due = sqliteTime(task.scheduledFor);
						return due > stoppedAt && due < startedAgainAt;
					})
					.map((task) => sqliteTime(task.startedAt))
					.sort((a, b) => a - b);
				// The most of them that started within one second.
				const together = Math.max(
					0,
					...started.map(
						(at) => started.filter((other) => other >= at && other - at < 1000).length,
					),
				);
				assert.ok(together >= 2, `overdue polls started: ${JSON.stringify(started)}`);
				console.log(
					`       ${together} of the ${started.length} polls due while n8n was down started within 1 s`,
				);
			},
		);

	await check('polling trigger: deactivation stops polling', async () => {
		await rest.deactivate(first.id);
		await rest.deactivate(second.id);
		const before = (await rest.listExecutions({ workflowId: first.id })).length;
		const requestsBefore = (await sandbox.stats()).requests.length;
		await finishedRun('wf_orders_sync');
		await sleep((POLL_EVERY_S + 3) * 1000);
		assert.strictEqual((await rest.listExecutions({ workflowId: first.id })).length, before);
		const polls = (await sandbox.stats()).requests
			.slice(requestsBefore)
			.filter((/** @type {{ path: string }} */ request) => request.path === '/api/v1/executions');
		assert.deepStrictEqual(polls, [], 'no GET /executions after deactivation');
	});

	for (const id of WATCHED) await sandbox.setWorkflow(id, { durationMs: 'default' });
	ctx.n8n = n8n;
	ctx.rest = rest;
}

module.exports = { title, run };
