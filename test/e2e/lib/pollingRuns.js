'use strict';
// Steps the queue suite and the bench share around the Benchwork Polling Trigger in real n8n:
// Benchwork runs that finish at random moments while it polls, and what its workflow's n8n
// executions started with.
const { outputItems } = require('./rest');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * finishRunsOverTime(sandbox, { key, workflowIds, runs, windowMs }) -> [executionId]: `runs`
 * Benchwork runs, of `workflowIds` in turn, each started and finished at once at a random moment
 * within `windowMs` from now, every third one failed; their IDs in the order they finished. The
 * workflows must not finish runs on their own (`setWorkflow(id, { durationMs: null })`).
 */
async function finishRunsOverTime(sandbox, { key, workflowIds, runs, windowMs }) {
	const from = Date.now();
	const moments = Array.from({ length: runs }, () => Math.random() * windowMs).sort(
		(a, b) => a - b,
	);
	const finished = [];
	for (const [index, moment] of moments.entries()) {
		await sleep(Math.max(0, from + moment - Date.now()));
		const workflowId = workflowIds[index % workflowIds.length];
		const started = await sandbox.api('POST', `/workflows/${workflowId}/trigger`, {}, key);
		if (started.status !== 201)
			throw new Error(`starting ${workflowId}: ${started.status} ${JSON.stringify(started.body)}`);
		await sandbox.finishExecution(started.body.executionId, {
			status: index % 3 === 2 ? 'failed' : 'success',
		});
		finished.push(started.body.executionId);
	}
	return finished;
}

/**
 * startedItems(rest, workflowId, nodeName) -> { items: [{ n8nExecution, startedAt, json }],
 * statuses }: every item the workflow's finished n8n executions started with (`nodeName`'s
 * output; `startedAt` in ms), and how many of its executions have each status.
 */
async function startedItems(rest, workflowId, nodeName) {
	const items = [];
	const statuses = {};
	for (const summary of await rest.listExecutions({ workflowId, limit: 100 })) {
		statuses[summary.status] = (statuses[summary.status] || 0) + 1;
		if (['new', 'running', 'waiting'].includes(summary.status)) continue;
		const execution = await rest.getExecution(summary.id);
		for (const json of outputItems(execution, nodeName))
			items.push({
				n8nExecution: String(summary.id),
				startedAt: Date.parse(execution.startedAt),
				json,
			});
	}
	return { items, statuses };
}

module.exports = { finishRunsOverTime, startedItems };
