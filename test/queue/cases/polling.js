'use strict';
// The Benchwork Polling Trigger in queue mode: n8n runs pollers on the main only and hands each
// poll's execution to a worker. What a user would notice: a finished Benchwork run their workflow
// saw twice (two executions for one run) or never. 20 runs (a third of them failed) finish at
// random moments over ~15 s while the trigger polls every 10 s (six once-a-minute crons: n8n
// refuses a seconds wildcard); then every run must be exactly one item across the workflow's n8n
// executions (read back through the main's REST, i.e. from Postgres), all of which succeeded.
const { pollingTriggerWorkflow, POLLING_TRIGGER, POLL_EVERY_S } = require('../../e2e/workflows');
const assert = require('assert');
const { finishRunsOverTime, startedItems } = require('../../e2e/lib/pollingRuns');
const { PUBLISH_WAIT } = require('../lib/cluster');

const RUNS = 20;
const WORKFLOWS = ['wf_orders_sync', 'wf_flaky_payments'];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function checkPolling({ rest, sandbox, credential, key, check }) {
	const title = `the polling trigger with two workers: ${RUNS} finished runs`;
	for (const id of WORKFLOWS) await sandbox.setWorkflow(id, { durationMs: null });
	const created = await rest.createWorkflow(
		pollingTriggerWorkflow({
			name: 'Benchwork queue: polling trigger',
			credential,
			// Only the runs this case finishes: other cases' batches use other workflows.
			workflowIds: WORKFLOWS,
		}),
	);
	const polls = async () =>
		(await sandbox.stats()).requests.filter(
			(r) => r.path === '/api/v1/executions' && /[?&]workflowId=wf_orders_sync/.test(r.url),
		).length;
	const pollsBefore = await polls();
	await rest.activate(created.id, PUBLISH_WAIT);
	// The first poll only records where Benchwork is; runs finished before it never start it.
	await sandbox.waitFor(async () => (await polls()) > pollsBefore, {
		timeoutMs: 60000,
		intervalMs: 500,
		what: 'the first poll on the main',
	});
	const finished = await finishRunsOverTime(sandbox, {
		key,
		workflowIds: WORKFLOWS,
		runs: RUNS,
		windowMs: 15000,
	});
	let seen = { items: [], statuses: {} };
	try {
		await sandbox.waitFor(
			async () => {
				seen = await startedItems(rest, created.id, POLLING_TRIGGER);
				const ids = seen.items.map((item) => item.json.execution.id);
				return finished.every((id) => ids.includes(id));
			},
			{ timeoutMs: 90000, intervalMs: 2000, what: 'every run in the workflow’s executions' },
		);
		// One more poll: nothing may come twice.
		await sleep((POLL_EVERY_S + 3) * 1000);
		seen = await startedItems(rest, created.id, POLLING_TRIGGER);
	} finally {
		await rest.deactivate(created.id, PUBLISH_WAIT);
		for (const id of WORKFLOWS) await sandbox.setWorkflow(id, { durationMs: 'default' });
	}
	const counts = {};
	for (const item of seen.items)
		counts[item.json.execution.id] = (counts[item.json.execution.id] || 0) + 1;
	const executions = new Set(seen.items.map((item) => item.n8nExecution)).size;
	console.log(
		`       polling: ${seen.items.length} items for ${RUNS} runs in ${executions} n8n executions ${JSON.stringify(seen.statuses)}`,
	);
	await check(
		`${title}: each appears as exactly one item in the trigger’s executions`,
		async () => {
			assert.deepStrictEqual(
				{
					missing: finished.filter((id) => !counts[id]),
					twice: Object.keys(counts).filter((id) => counts[id] > 1),
					others: Object.keys(counts).filter((id) => !finished.includes(id)),
				},
				{ missing: [], twice: [], others: [] },
			);
		},
	);
	await check(`${title}: every execution of the trigger workflow succeeded`, async () => {
		assert.deepStrictEqual(seen.statuses, { success: executions });
	});
}

module.exports = { checkPolling };
