'use strict';
// Two 150-item Trigger batches started at once, one on each worker, with one API key under the
// sandbox's 20 requests / 2 s limit (optionally with a client outside n8n using part of the
// budget): every item must start its Benchwork run exactly once and none may fail.
const assert = require('assert');
const e2e = require('../../e2e/lib');
const { batchWorkflow } = require('../lib/workflows');
const { workerThatRan, PUBLISH_WAIT } = require('../lib/cluster');
const { postWebhook } = require('../lib/http');

const ITEMS = 150;
const LIMIT = 20;
const WINDOW_MS = 2000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client outside n8n on the same key: `perWindow` cheap reads per window, at a steady pace. */
function outsideClient(sandbox, key, perWindow) {
	let stop = false;
	const answers = [];
	const running = (async () => {
		for (let i = 0; !stop && i < 400; i++) {
			const r = await sandbox.api('GET', '/workflows?limit=1', undefined, key);
			answers.push(r.status);
			await sleep(WINDOW_MS / perWindow);
		}
	})();
	return {
		answers,
		async stop() {
			stop = true;
			await running;
		},
	};
}

/** The n8n side of one batch: status, items that came out with an executionId, error. */
function batchOutcome(execution) {
	let started = [];
	let error;
	try {
		started = e2e.outputItems(execution, 'Trigger Batch').filter((i) => i.executionId && !i.error);
	} catch (e) {
		error = e.message;
	}
	const runError = e2e.executionError(execution);
	return {
		status: execution.status,
		started: started.length,
		ids: started.map((i) => i.executionId),
		error: error || (runError && runError.message),
	};
}

async function runBatches({
	cluster,
	rest,
	sandbox,
	credential,
	key,
	label,
	outsidePerWindow = 0,
	afterReset = async () => {},
}) {
	const batches = ['a', 'b'].map((b) => ({
		name: b,
		prefix: `wf_${label}_${b}_`,
		path: `benchwork-${label}-${b}`,
	}));
	for (const b of batches) {
		b.workflow = await rest.createWorkflow(
			batchWorkflow(credential, { path: b.path, prefix: b.prefix, items: ITEMS }),
		);
		await rest.activate(b.workflow.id, PUBLISH_WAIT);
	}
	await sandbox.reset();
	await sandbox.configure({ rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });
	for (const b of batches)
		for (let n = 0; n < ITEMS; n++)
			await sandbox.setWorkflow(`${b.prefix}${n}`, { durationMs: 50 });
	// A reset forgets every hook: a case that needs one (cases/burst.js) registers it here.
	await afterReset();

	const t0 = Date.now();
	const fired = await Promise.all(
		batches.map((b) => postWebhook(`${cluster.webhookUrl}webhook/${b.path}`, {})),
	);
	fired.forEach((f, i) =>
		assert.strictEqual(f.status, 200, `webhook ${batches[i].path}: ${f.text}`),
	);
	const outside = outsidePerWindow ? outsideClient(sandbox, key, outsidePerWindow) : null;
	let executions;
	try {
		executions = await Promise.all(
			batches.map((b) => rest.waitForExecution({ workflowId: b.workflow.id, timeoutMs: 240000 })),
		);
	} finally {
		if (outside) await outside.stop();
	}
	const ms = Date.now() - t0;
	for (const b of batches) await rest.deactivate(b.workflow.id, PUBLISH_WAIT);

	const stats = await sandbox.stats();
	const counts = batches.map((b) =>
		Array.from({ length: ITEMS }, (_, n) => stats.executionsStarted[`${b.prefix}${n}`] || 0),
	);
	const all = counts.flat();
	const triggers = stats.requests.filter((r) => r.method === 'POST' && /\/trigger$/.test(r.path));
	const admitted = stats.requests.filter((r) => r.status !== 429 && r.status !== null);
	const first = Math.min(...triggers.map((r) => r.at));
	const last = Math.max(...triggers.filter((r) => r.status !== 429).map((r) => r.at));
	// Windows are aligned to multiples of WINDOW_MS; every admitted call in the span (the batches'
	// and the outside client's) needs its share of them, so the last one can go no earlier than:
	const inSpan = admitted.filter((r) => r.at >= first && r.at <= last).length;
	const floorMs =
		(Math.floor(first / WINDOW_MS) + Math.ceil(inSpan / LIMIT) - 1) * WINDOW_MS - first;
	const outcome = executions.map(batchOutcome);
	const figures = {
		label,
		starts: all.filter((c) => c > 0).length,
		duplicates: all.reduce((sum, c) => sum + Math.max(0, c - 1), 0),
		failedItems: outcome.reduce((sum, o) => sum + (ITEMS - o.started), 0),
		rateLimitedTriggers: triggers.filter((r) => r.status === 429).length,
		rateLimitedOutside: outside ? outside.answers.filter((s) => s === 429).length : 0,
		outsideCalls: outside ? outside.answers.length : 0,
		spanMs: last - first,
		floorMs,
		ms,
		workers: executions.map((e) => workerThatRan(cluster, e.id)),
		outcome,
		counts,
	};
	return figures;
}

function report(f) {
	const lines = [
		`       ${f.label}: ${f.starts} of ${2 * ITEMS} items started, ${f.duplicates} duplicate starts, ${f.failedItems} items without a run`,
		`       ${f.label}: first to last trigger ${(f.spanMs / 1000).toFixed(1)} s against a floor of ${(f.floorMs / 1000).toFixed(1)} s (ratio ${(f.spanMs / f.floorMs).toFixed(2)}x); webhooks to both finished ${(f.ms / 1000).toFixed(1)} s`,
		`       ${f.label}: 429s the sandbox sent to n8n ${f.rateLimitedTriggers}${f.outsideCalls ? `; outside client ${f.outsideCalls} calls, ${f.rateLimitedOutside} answered 429` : ''}`,
	];
	f.outcome.forEach((o, i) =>
		lines.push(
			`       ${f.label}: batch ${'ab'[i]} on ${f.workers[i].join(',') || '?'}: ${o.status}, ${o.started} items out${o.error ? `, error: ${o.error}` : ''}; remote starts ${f.counts[i].filter((c) => c > 0).length}`,
		),
	);
	console.log(lines.join('\n'));
}

async function checkBatches({ cluster, rest, sandbox, credential, key, check, stages }) {
	const cases = [
		{
			label: 'qa',
			title: 'two 150-item Trigger batches at once, one per worker, one key, 20 requests / 2 s',
			outsidePerWindow: 0,
		},
		{
			label: 'qs',
			title: 'the same while a client outside n8n uses 4 of every 20 requests on that key',
			outsidePerWindow: 4,
		},
	];
	const all = [];
	for (const c of cases) {
		const f = await stages.run(`batch ${c.label}: ${c.title}`, () =>
			runBatches({
				cluster,
				rest,
				sandbox,
				credential,
				key,
				label: c.label,
				outsidePerWindow: c.outsidePerWindow,
			}),
		);
		report(f);
		all.push(f);
		await check(`${c.title}: the batches ran at once on both workers`, async () => {
			assert.ok(
				f.workers.every((w) => w.length === 1),
				`one worker per batch: ${JSON.stringify(f.workers)}`,
			);
			assert.notStrictEqual(f.workers[0][0], f.workers[1][0], 'different workers');
		});
		await check(`${c.title}: 300 starts, 0 failed items, 0 duplicate starts`, async () => {
			assert.deepStrictEqual(
				{
					starts: f.starts,
					failedItems: f.failedItems,
					duplicates: f.duplicates,
					errors: f.outcome.map((o) => o.error).filter(Boolean),
				},
				{ starts: 2 * ITEMS, failedItems: 0, duplicates: 0, errors: [] },
			);
		});
	}
	return all;
}

module.exports = { checkBatches, runBatches, report, ITEMS, LIMIT, WINDOW_MS };
