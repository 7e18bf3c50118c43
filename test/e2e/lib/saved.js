'use strict';
// What n8n keeps of a workflow's runs, and running a workflow whose Benchwork node must fail.
const assert = require('assert');
const { executeWorkflow } = require('./n8n');
const { findRunData } = require('./rest');

/** Everything n8n keeps of a workflow's executions and the workflow itself, as text (to search for secrets). */
async function savedText(rest, workflowId) {
	const list = await rest.listExecutions({ workflowId });
	const full = await Promise.all(list.map((e) => rest.getExecution(e.id)));
	return JSON.stringify(full) + JSON.stringify(await rest.getWorkflow(workflowId));
}

/**
 * Creates `workflow` over REST, runs it with `n8n execute`, asserts that the run failed and
 * returns the saved execution and the failed node's run data (node named `nodeName`). `env`:
 * n8n settings for that run only.
 * -> { workflow, result, execution, nodeRun }
 */
async function runToNodeError(
	{ line, userFolder, rest },
	workflow,
	nodeName = 'Benchwork',
	{ env } = {},
) {
	const created = await rest.createWorkflow(workflow);
	const result = await executeWorkflow({
		line,
		userFolder,
		id: created.id,
		allowFailure: true,
		env,
	});
	assert.strictEqual(result.ok, false, 'the run failed');
	const execution = await rest.waitForExecution({ workflowId: created.id });
	const nodeRun = findRunData(execution)[nodeName][0];
	return { workflow: created, result, execution, nodeRun };
}

module.exports = { savedText, runToNodeError };
