'use strict';
// What one benchmark row reads from a run: the measured node's timing (n8n's own run data) and
// the sandbox's record of the requests it received.
const http = require('http');

const e2e = require('../../e2e/lib');

/** The node's run in n8n's run data: { startTime, executionTime, error, items }. */
function nodeRun(run, name) {
	const runData = e2e.findRunData(run) || {};
	const [entry] = runData[name] || [];
	if (!entry)
		throw new Error(`node "${name}" did not run (ran: ${Object.keys(runData).join(', ')})`);
	const items = ((entry.data && entry.data.main && entry.data.main[0]) || []).map(
		(item) => item.json,
	);
	return {
		startTime: entry.startTime,
		executionTime: entry.executionTime,
		error: entry.error,
		items,
	};
}

/** Runs a workflow with `n8n execute`; the run is read even when the workflow failed. */
async function execute(context, workflow) {
	const result = await e2e.executeWorkflow({
		line: context.line,
		userFolder: context.userFolder,
		id: workflow.id,
		allowFailure: true,
		timeoutMs: 400000,
	});
	if (!result.run)
		throw new Error(
			`n8n execute of "${workflow.name}" gave no run:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
		);
	return result.run;
}

/** Per item: how many runs the sandbox started of `wf_b_<n>`; duplicates are starts beyond one. */
function batchStarts(stats, count, workflowOf) {
	let starts = 0;
	let duplicates = 0;
	let notStarted = 0;
	for (let n = 0; n < count; n++) {
		const started = stats.executionsStarted[workflowOf(n)] || 0;
		starts += started;
		duplicates += Math.max(0, started - 1);
		if (started === 0) notStarted++;
	}
	return { starts, duplicates, notStarted };
}

async function prepareBatch(sandbox, { count, limit, windowMs, workflowOf }) {
	await sandbox.reset();
	await sandbox.configure({ rateLimit: { limit, windowMs } });
	for (let n = 0; n < count; n++) await sandbox.setWorkflow(workflowOf(n), { durationMs: 50 });
}

/** The Benchwork node or HTTP Request node through a rate-limited batch of triggers. */
async function batchRow(run, sandbox, { name, label, count, limit, windowMs, workflowOf }) {
	const measured = nodeRun(run, name);
	const stats = await sandbox.stats();
	const failed = measured.error ? count : measured.items.filter((item) => item.error).length;
	return {
		label,
		wallMs: measured.executionTime,
		floorMs: ((count - limit) / limit) * windowMs,
		nodeError: measured.error ? String(measured.error.message).slice(0, 120) : null,
		failedItems: failed,
		rateLimited429: stats.rateLimited,
		triggerRequests: Object.values(stats.triggerAttempts).reduce((a, b) => a + b, 0),
		...batchStarts(stats, count, workflowOf),
	};
}

async function prepareWait(sandbox, { limit, windowMs, runMs, sandboxWorkflow }) {
	await sandbox.reset();
	await sandbox.configure({ rateLimit: { limit, windowMs } });
	await sandbox.setWorkflow(sandboxWorkflow, { durationMs: runMs });
}

/** N × Trigger + Wait against runs of `runMs`, polled every `pollMs`. */
async function waitRow(run, sandbox, { name, count, limit, windowMs, runMs, pollMs }) {
	const measured = nodeRun(run, name);
	const stats = await sandbox.stats();
	const api = stats.requests.filter((request) => request.path.startsWith('/api/v1/'));
	const polls = api.filter((request) => request.method === 'GET');
	const startFloorMs = Math.max(0, ((count - limit) / limit) * windowMs);
	const lastFinished = Math.max(...measured.items.map((item) => Date.parse(item.finishedAt)));
	return {
		items: count,
		wallMs: measured.executionTime,
		idealMs: startFloorMs + runMs + pollMs,
		requests: api.length,
		pollRequests: polls.length,
		listPolls: polls.filter((request) => request.path === '/api/v1/executions').length,
		rateLimited429: stats.rateLimited,
		succeeded: measured.items.filter((item) => item.status === 'success').length,
		nodeError: measured.error ? String(measured.error.message).slice(0, 120) : null,
		latencyMs: measured.startTime + measured.executionTime - lastFinished,
		pollMs,
	};
}

async function prepareOverhead(sandbox) {
	await sandbox.reset();
	await sandbox.configure({ rateLimit: { limit: 1000000, windowMs: 60000 } });
}

/**
 * N × Get: ms per item of each node of one overhead chain; `peer` names the chain's HTTP Request
 * node, which each row of the chain is compared with.
 */
function overheadRows(run, { count, names }) {
	return names.map((name) => {
		const measured = nodeRun(run, name);
		return {
			label: name,
			peer: names[1],
			msPerItem: measured.executionTime / count,
			items: measured.items.length,
			nodeError: measured.error ? String(measured.error.message) : null,
		};
	});
}

/** The floor for any client: `count` sequential GETs over one keep-alive connection. */
async function rawLoop({ baseUrl, key, count }) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const url = new URL(`${baseUrl}/workflows/wf_orders_sync`);
	const get = () =>
		new Promise((resolve, reject) => {
			const request = http.get(
				url,
				{ agent, headers: { Authorization: `Bearer ${key}` } },
				(response) => {
					let body = '';
					response.setEncoding('utf8');
					response.on('data', (chunk) => (body += chunk));
					response.on('end', () =>
						response.statusCode === 200
							? resolve(JSON.parse(body))
							: reject(new Error(`HTTP ${response.statusCode}`)),
					);
				},
			);
			request.on('error', reject);
		});
	for (let n = 0; n < 50; n++) await get(); // warm up
	const started = process.hrtime.bigint();
	for (let n = 0; n < count; n++) await get();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	agent.destroy();
	return { label: 'raw keep-alive loop', msPerItem: ms / count, items: count, nodeError: null };
}

module.exports = {
	nodeRun,
	execute,
	prepareBatch,
	batchRow,
	prepareWait,
	waitRow,
	prepareOverhead,
	overheadRows,
	rawLoop,
};
