'use strict';
// Shared steps of the trigger cases (e2e and queue): which hooks point at an n8n, posting to a
// webhook, and "start a Benchwork run and wait until n8n's workflow echoes its delivery".
const assert = require('assert');

/** The registered hooks whose URL points at this n8n (or cluster) webhook base URL. */
function hooksAt(hooks, webhookUrl) {
	return hooks.filter((hook) => hook.url.startsWith(webhookUrl));
}

/** POSTs JSON to a URL (e.g. a production webhook); resolves with the HTTP status. */
async function postStatus(url, body) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	await res.arrayBuffer();
	return res.status;
}

/** The echoes (see workflows.js triggerWorkflow) that carry this tag. */
async function echoesTagged(sandbox, tag) {
	return (await sandbox.echo()).filter((e) => e && e.tag === tag);
}

/**
 * Starts a Benchwork run of `workflowId` through the sandbox API with `key`, then waits until the
 * n8n workflow tagged `tag` has echoed the delivery of that run; asserts the event, workflow and a
 * delivery ID. -> { executionId, echo }
 */
async function startRunAndAwaitEcho(sandbox, { workflowId, event, key, tag, timeoutMs = 30000 }) {
	const started = await sandbox.api('POST', `/workflows/${workflowId}/trigger`, {}, key);
	assert.strictEqual(started.status, 201, JSON.stringify(started.body));
	const executionId = started.body.executionId;
	const echo = await sandbox.waitFor(
		async () =>
			(await echoesTagged(sandbox, tag)).find(
				(e) => e.received && e.received.execution && e.received.execution.id === executionId,
			),
		{ timeoutMs, what: `n8n to echo ${event} of ${executionId}` },
	);
	assert.strictEqual(echo.received.event, event);
	assert.strictEqual(echo.received.execution.workflowId, workflowId);
	assert.ok(echo.received.deliveryId, 'the delivery carries its ID');
	return { executionId, echo };
}

module.exports = { hooksAt, postStatus, echoesTagged, startRunAndAwaitEcho };
