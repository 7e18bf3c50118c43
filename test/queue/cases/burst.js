// Deliveries during load: while two 150-item Trigger batches run (one per worker, one key),
// every Benchwork run they start finishes within ~50 ms and Benchwork delivers it to a
// registered Benchwork Trigger at the webhook processor: about 300 signed deliveries in the
// ~30 s of the batches. What a user would notice: a finished run whose delivery n8n never
// accepted is a run their workflow never saw, and one accepted twice ran twice.
//
// The sender (SENDER below): Benchwork's reference says only that it retries deliveries not
// answered 2xx, not how often or over how long. The case sets the sandbox's own defaults
// explicitly: 3 attempts of at most 10 s, 500 ms apart (about 31 s a delivery). A sender
// retrying over 2 minutes (6 attempts, 15 s apart) was tried and changed nothing on a loaded
// machine (docs/queue-mode.md): a retry wave repeats the burst. Retries reuse the deliveryId,
// which the trigger deduplicates, so accepted twice would still run once. With n8n's defaults the
// webhook processor on 2 cores accepts few of them: its Postgres pool is 2 connections, and it
// builds an expression isolate for every request. See docs/queue-mode.md for the settings that
// hold (RECOMMENDED_SETTINGS in ../lib/cluster.js) and the figures.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const {
	BENCHWORK_TRIGGER,
	BENCHWORK_TRIGGER_VERSION,
	webhookToNoOp,
} = require('../../e2e/workflows');
const { PUBLISH_WAIT } = require('../lib/cluster');
const { runBatches, report, ITEMS } = require('./batch');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How the sandbox sends deliveries in this case (see the top of this file). */
const SENDER = { deliveryTimeoutMs: 10000, deliveryRetries: 2, deliveryRetryDelayMs: 500 };
/** A delivery's whole span: every attempt timing out, with the pauses between them. */
const SENDER_SPAN_MS =
	(SENDER.deliveryRetries + 1) * SENDER.deliveryTimeoutMs +
	SENDER.deliveryRetries * SENDER.deliveryRetryDelayMs;

/** Benchwork Trigger (both events) → No Operation: the cheapest run a delivery can start. */
function burstTriggerWorkflow(credential) {
	return webhookToNoOp('Benchwork queue: deliveries during a burst', {
		name: 'Benchwork Trigger',
		type: BENCHWORK_TRIGGER,
		typeVersion: BENCHWORK_TRIGGER_VERSION,
		credentials: { benchworkApi: { id: credential.id, name: credential.name } },
		parameters: { events: ['execution.completed', 'execution.failed'], options: {} },
	});
}

/**
 * Per finished Benchwork run (the sandbox's automatic deliveries, not control-API ones): its
 * attempts and whether one was accepted (any 2xx, as Benchwork counts it). A run is settled
 * once accepted or out of attempts.
 */
function deliveriesByRun(log, attemptsAllowed) {
	const runs = new Map();
	for (const d of log.filter((entry) => !entry.manual)) {
		const run = runs.get(d.executionId) || { attempts: [], accepted: false };
		run.attempts.push(d);
		if (d.status !== null && d.status >= 200 && d.status < 300) run.accepted = true;
		runs.set(d.executionId, run);
	}
	for (const run of runs.values())
		run.settled = run.accepted || run.attempts.length >= attemptsAllowed;
	return runs;
}

/** How the attempts that were not accepted ended: {"500": n, "timed out after 10000 ms": m}. */
function failedAttempts(runs) {
	const out = {};
	for (const run of runs.values())
		for (const a of run.attempts)
			if (!(a.status >= 200 && a.status < 300)) {
				const key = a.status === null ? a.error || 'no answer' : String(a.status);
				out[key] = (out[key] || 0) + 1;
			}
	return out;
}

/** CPU time a process has used, in ms (Linux /proc; NaN elsewhere): utime + stime at 100 ticks/s. */
function cpuMsOf(pid) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return NaN;
	}
}

/** Expression isolates the webhook processor's log says it built so far (at log level debug). */
function isolatesBuilt(cluster) {
	return (cluster.logs().webhook.match(/\[IsolatedVmBridge\] Initialized/g) || []).length;
}

/** n8n executions of `workflowId` in Postgres by status: {success: n, ...}. */
function executionsByStatus(postgres, workflowId) {
	const text = postgres.psql([
		'-d',
		postgres.database,
		'-At',
		'-F',
		' ',
		'-c',
		`select status, count(*) from execution_entity where "workflowId" = '${workflowId}' group by status`,
	]);
	return Object.fromEntries(
		text
			.trim()
			.split('\n')
			.filter(Boolean)
			.map((line) => line.split(' '))
			.map(([status, n]) => [status, Number(n)]),
	);
}

/**
 * Waits (at most 60 s) until every n8n process uses under a quarter of a core over 2 s: right
 * after the cluster starts, n8n is still settling (2.x reconciles publications, workers
 * connect), and a burst sent then measures the start, not the load. Resolves with the wait, ms.
 */
async function untilQuiet(processes) {
	const t0 = Date.now();
	while (Date.now() - t0 < 60000) {
		const before = processes.map((p) => cpuMsOf(p.pid));
		await sleep(2000);
		const busiest = Math.max(...processes.map((p, i) => cpuMsOf(p.pid) - before[i]));
		if (!(busiest > 500)) break;
	}
	return Date.now() - t0;
}

/**
 * runBurst({cluster, rest, sandbox, postgres, credential, key, secrets}) -> figures
 * Activates the trigger after the sandbox is reset for the batches (a reset forgets hooks), runs
 * the two batches, waits until every finished run's delivery has settled and n8n has run every
 * accepted one, then deactivates the trigger.
 */
async function runBurst({ cluster, rest, sandbox, postgres, credential, key, secrets }) {
	const { workflow, webhookId } = burstTriggerWorkflow(credential);
	const created = await rest.createWorkflow(workflow);
	const productionUrl = `${cluster.webhookUrl}webhook/${webhookId}/webhook`;
	let attemptsAllowed;
	// The machine's conditions: a webhook processor starved of CPU answers late whatever its settings.
	let cpuBefore;
	let isolatesBefore;
	let t0;
	const quietAfterMs = await untilQuiet(cluster.processes());
	const batches = await runBatches({
		cluster,
		rest,
		sandbox,
		credential,
		key,
		label: 'qd',
		async afterReset() {
			attemptsAllowed = (await sandbox.configure(SENDER)).deliveryRetries + 1;
			await rest.activate(created.id, PUBLISH_WAIT);
			// The route is live at the webhook processor once an unsigned POST gets 401, not 404.
			await sandbox.waitFor(
				async () =>
					(
						await fetch(productionUrl, {
							method: 'POST',
							headers: { 'content-type': 'application/json' },
							body: '{}',
						})
					).status === 401,
				{ timeoutMs: 60000, what: 'the trigger’s production webhook' },
			);
			const hooks = await sandbox.webhooks();
			assert.deepStrictEqual(
				hooks.map((h) => h.url),
				[productionUrl],
				'one hook, at the webhook processor',
			);
			hooks.forEach((h) => secrets.add(h.secret)); // for the secrets check that follows
			cpuBefore = cpuMsOf(cluster.webhook.pid);
			isolatesBefore = isolatesBuilt(cluster);
			t0 = Date.now();
		},
	});

	// Every started run finishes (50 ms) and is delivered; the last retries end within the span.
	const ranIds = new Set(batches.outcome.flatMap((o) => o.ids));
	let runs;
	const settleEnd = Date.now() + SENDER_SPAN_MS + 30000;
	for (;;) {
		runs = deliveriesByRun(await sandbox.deliveries(), attemptsAllowed);
		const settled = [...runs.values()].filter((r) => r.settled).length;
		if ((settled >= ranIds.size && runs.size >= ranIds.size) || Date.now() > settleEnd) break;
		await sleep(1000);
	}
	const accepted = [...runs.values()].filter((r) => r.accepted).length;
	const webhookCpu = {
		cpuS: (cpuMsOf(cluster.webhook.pid) - cpuBefore) / 1000,
		wallS: (Date.now() - t0) / 1000,
		isolates: isolatesBuilt(cluster) - isolatesBefore,
	};
	const load = os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ');

	// n8n runs the accepted deliveries on the workers, which are free once the batches are done.
	let executions = {};
	const runEnd = Date.now() + 120000;
	for (;;) {
		executions = executionsByStatus(postgres, created.id);
		const total = Object.values(executions).reduce((a, b) => a + b, 0);
		const pending = (executions.new || 0) + (executions.running || 0);
		if ((total >= accepted && pending === 0) || Date.now() > runEnd) break;
		await sleep(1000);
	}
	await rest.deactivate(created.id, PUBLISH_WAIT);
	return {
		batches,
		finishedRuns: ranIds.size,
		delivered: runs.size,
		accepted,
		attemptsAllowed,
		attempts: [...runs.values()].reduce((sum, r) => sum + r.attempts.length, 0),
		failedAttempts: failedAttempts(runs),
		neverDelivered: [...ranIds].filter((id) => !runs.has(id)),
		executions,
		settings: cluster.settingsLabel,
		quietAfterMs,
		webhookCpu,
		load,
		cores: os.cpus().length,
	};
}

function reportBurst(f) {
	report(f.batches);
	console.log(
		[
			`       qd: n8n settings: ${f.settings}; sender: ${SENDER.deliveryRetries + 1} attempts of at most ${SENDER.deliveryTimeoutMs / 1000} s, ${SENDER.deliveryRetryDelayMs / 1000} s apart; burst sent once n8n was quiet (waited ${(f.quietAfterMs / 1000).toFixed(0)} s)`,
			`       qd: ${f.accepted} of ${f.finishedRuns} finished runs' deliveries accepted (${f.attempts} attempts, at most ${f.attemptsAllowed} per run); failed attempts ${JSON.stringify(f.failedAttempts)}`,
			`       qd: n8n executions of the trigger workflow by status ${JSON.stringify(f.executions)}`,
			`       qd: conditions: the webhook processor used ${f.webhookCpu.cpuS.toFixed(1)} s of CPU in ${f.webhookCpu.wallS.toFixed(1)} s (batches to last delivery settled) and built ${f.webhookCpu.isolates} expression isolates; load average ${f.load} on ${f.cores} cores`,
		].join('\n'),
	);
}

async function checkBurst({
	cluster,
	rest,
	sandbox,
	postgres,
	credential,
	key,
	check,
	stages,
	secrets,
}) {
	const title =
		'about 300 deliveries to the Benchwork Trigger while two 150-item batches run on two workers';
	const f = await stages.run(`burst qd: ${title}`, () =>
		runBurst({ cluster, rest, sandbox, postgres, credential, key, secrets }),
	);
	reportBurst(f);
	await check(`${title}: the batches still start 300 runs, 0 failed, 0 duplicates`, async () => {
		assert.deepStrictEqual(
			{
				starts: f.batches.starts,
				failedItems: f.batches.failedItems,
				duplicates: f.batches.duplicates,
			},
			{ starts: 2 * ITEMS, failedItems: 0, duplicates: 0 },
		);
	});
	await check(
		`${title}: every finished run's delivery is accepted and runs once in n8n (${f.settings})`,
		async () => {
			assert.deepStrictEqual(
				{
					neverDelivered: f.neverDelivered.length,
					accepted: f.accepted,
					executions: f.executions,
				},
				{
					neverDelivered: 0,
					accepted: f.finishedRuns,
					executions: { success: f.finishedRuns },
				},
				`failed attempts: ${JSON.stringify(f.failedAttempts)}`,
			);
		},
	);
	return f;
}

module.exports = { checkBurst, runBurst, deliveriesByRun };
