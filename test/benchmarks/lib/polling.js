'use strict';
// The Benchwork Polling Trigger in real n8n: Benchwork API requests per poll (so per hour at n8n's
// default Poll Times, every minute) and the latency from a Benchwork run's finish to the n8n
// execution that carries it, against the poll interval. Two workflows poll the same sandbox at
// once, both events selected: one without a workflow filter, one filtered to two workflows (their
// requests differ by the `workflowId` query parameter). Both poll every 10 s (six once-a-minute
// crons: n8n refuses a seconds wildcard); runs finish at random moments over `windowS`.
//
// Requests per hour: the GET /executions the sandbox logged, divided by the polls it saw (bursts
// of requests more than 3 s apart), times 60 polls an hour. It is counted at a 10 s poll and
// scaled, not waited out for an hour: a poll's requests do not depend on the interval.
// Latency: n8n's execution startedAt minus the run's Benchwork finishedAt (both from the item the
// execution started with; sandbox and n8n share this machine's clock).
//
//   node test/benchmarks/lib/polling.js [n8n-2]
// Needs `npm run build` and the e2e lines installed (bash test/e2e/install.sh).
const { pollingTriggerWorkflow, POLLING_TRIGGER, POLL_EVERY_S } = require('../../e2e/workflows');

const e2e = require('../../e2e/lib');
const { finishRunsOverTime, startedItems } = require('../../e2e/lib/pollingRuns');
const { KEYS } = require('../../sandbox/server');
const { installedLine, startBenchN8n } = require('./benchN8n');
const { pollingSection } = require('./table');

const KEY = KEYS.enterprise;
/** n8n's default Poll Times: every minute. */
const DEFAULT_POLLS_PER_HOUR = 60;
const WORKFLOWS = ['wf_orders_sync', 'wf_flaky_payments'];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls in a request log: bursts of requests whose gaps are under 3 s. */
function pollsOf(requests) {
	const polls = [];
	for (const request of requests) {
		const last = polls.at(-1);
		if (last && request.at - last.end < 3000) {
			last.end = request.at;
			last.requests += 1;
		} else polls.push({ start: request.at, end: request.at, requests: 1 });
	}
	return polls;
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};

async function measurePolling(options = {}) {
	const { line: lineId = 'n8n-2', runs = 10, windowS = 50, log = () => {} } = options;
	const line = installedLine(lineId);
	const sandbox = await e2e.startSandboxProcess();
	let n8n;
	try {
		for (const id of WORKFLOWS) await sandbox.setWorkflow(id, { durationMs: null });
		const started = await startBenchN8n({
			line,
			name: 'polling',
			sandbox,
			tarball: options.tarball,
		});
		({ n8n } = started);
		const { rest, credential } = started;
		const rows = [
			{ key: 'all', label: 'both events, no workflow filter', workflowIds: [] },
			{ key: 'filter', label: 'both events, filter of 2 workflows', workflowIds: WORKFLOWS },
		];
		for (const row of rows) {
			const created = await rest.createWorkflow(
				pollingTriggerWorkflow({
					name: `Bench: polling trigger, ${row.label}`,
					credential,
					workflowIds: row.workflowIds,
				}),
			);
			row.n8nWorkflowId = created.id;
			await rest.activate(created.id);
		}
		const listRequests = async () =>
			(await sandbox.stats()).requests.filter((r) => r.path === '/api/v1/executions');
		const isFiltered = (request) => /[?&]workflowId=/.test(request.url);
		// The first poll of an activation only records where Benchwork is: runs start after it.
		await sandbox.waitFor(
			async () => {
				const requests = await listRequests();
				return requests.some(isFiltered) && requests.some((r) => !isFiltered(r));
			},
			{ timeoutMs: 60000, intervalMs: 500, what: 'the first poll of both workflows' },
		);
		await sleep(3000);
		const measuredFrom = Date.now();
		log(`polling trigger: ${runs} runs finish at random moments over ${windowS} s`);
		const finished = await finishRunsOverTime(sandbox, {
			key: KEY,
			workflowIds: WORKFLOWS,
			runs,
			windowMs: windowS * 1000,
		});
		// Every run reaches both workflows within a poll or two (the machine may be busy).
		const seen = {};
		await sandbox.waitFor(
			async () => {
				for (const row of rows)
					seen[row.key] = (await startedItems(rest, row.n8nWorkflowId, POLLING_TRIGGER)).items;
				return rows.every((row) => {
					const ids = seen[row.key].map((item) => item.json.execution.id);
					return finished.every((id) => ids.includes(id));
				});
			},
			{ timeoutMs: 60000, intervalMs: 2000, what: 'every run in both workflows' },
		);
		const measuredTo = Date.now();
		for (const row of rows) await rest.deactivate(row.n8nWorkflowId);
		const requests = (await listRequests()).filter(
			(r) => r.at >= measuredFrom && r.at <= measuredTo,
		);
		const problems = [];
		for (const row of rows) {
			const own = requests.filter((r) => isFiltered(r) === row.workflowIds.length > 0);
			const polls = pollsOf(own);
			const starts = polls.map((p) => p.start);
			const items = seen[row.key].filter((item) => finished.includes(item.json.execution.id));
			const ids = items.map((item) => item.json.execution.id);
			if (ids.length !== finished.length || new Set(ids).size !== ids.length)
				problems.push(`${row.label}: ${ids.length} items for ${finished.length} runs`);
			const latencies = items.map(
				(item) => (item.startedAt - Date.parse(item.json.execution.finishedAt)) / 1000,
			);
			row.polls = polls.length;
			row.requests = own.length;
			row.requestsPerPoll = own.length / polls.length;
			row.requestsPerHour = row.requestsPerPoll * DEFAULT_POLLS_PER_HOUR;
			row.defaultPollS = 3600 / DEFAULT_POLLS_PER_HOUR;
			row.pollIntervalS = POLL_EVERY_S;
			row.measuredIntervalS = median(starts.slice(1).map((s, i) => (s - starts[i]) / 1000));
			row.latencyS = latencies.reduce((a, b) => a + b, 0) / latencies.length;
			row.latencyMaxS = Math.max(...latencies);
			row.runs = finished.length;
			row.itemsSeen = ids.length;
		}
		return {
			line: line.id,
			n8nVersion: line.n8nVersion,
			runs: finished.length,
			windowS,
			rows: rows.map((row) => {
				const out = { ...row };
				delete out.workflowIds;
				delete out.n8nWorkflowId;
				return out;
			}),
			...(problems.length ? { error: problems.join('; ') } : {}),
		};
	} finally {
		if (n8n) await n8n.stop();
		await sandbox.stop();
	}
}

function formatPolling(result) {
	return [
		`polling trigger in n8n ${result.n8nVersion} (${result.runs} runs finished over ${result.windowS} s):`,
		...result.rows.map(
			(r) =>
				`  ${r.label.padEnd(36)} ${r.requestsPerPoll.toFixed(1)} requests / poll (${r.requests} in ${r.polls} polls) → ${Math.round(r.requestsPerHour)} / hour at a ${r.defaultPollS} s poll; latency mean ${r.latencyS.toFixed(1)} s, max ${r.latencyMaxS.toFixed(1)} s at a ${r.pollIntervalS} s poll (measured ${r.measuredIntervalS} s); ${r.itemsSeen}/${r.runs} runs once`,
		),
		...(result.error ? [`  WRONG: ${result.error}`] : []),
	].join('\n');
}

module.exports = { measurePolling, formatPolling };

if (require.main === module) {
	const [lineId = 'n8n-2'] = process.argv.slice(2);
	measurePolling({ line: lineId, log: (text) => console.log(text) })
		.then((result) => {
			console.log(`${pollingSection(result).join('\n')}\n\n${formatPolling(result)}`);
			process.exit(result.error ? 1 : 0);
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
