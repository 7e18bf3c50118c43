'use strict';
// The Benchwork Trigger and the Benchwork Polling Trigger in the editor (the nodes panel, the
// notice, the production URL, the subtitle on the canvas), and the trigger example working in the
// demo: publishing it registers a hook at the sandbox, and a failed Benchwork run starts it.
const assert = require('assert');
const { outputItems } = require('../e2e/lib');

/**
 * The two trigger nodes as the nodes panel and the canvas name them, and what each one's notice
 * must tell a user (the webhook trigger also shows its production URL).
 */
const TRIGGERS = {
	webhook: {
		panelName: 'Benchwork',
		nodeName: 'Benchwork Trigger',
		screenshot: 'benchwork-trigger',
		showsProductionUrl: true,
		notice: [
			/Production URL/,
			/N8N_WEBHOOK_URL/,
			/No public URL\? Use the Benchwork Polling Trigger/,
		],
	},
	polling: {
		panelName: 'Benchwork Polling',
		nodeName: 'Benchwork Polling Trigger',
		screenshot: 'benchwork-polling-trigger',
		notice: [/every Poll Time/, /Needs no public URL/, /use the Benchwork Trigger/],
	},
};

/** Waits until the node's subtitle on the canvas reads `expected`, and says what it read if not. */
async function expectSubtitle(editor, nodeName, expected) {
	let shown;
	for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
		shown = await editor.nodeSubtitle(nodeName);
		if (shown === expected) return;
		await editor.page.waitForTimeout(200);
	}
	assert.strictEqual(shown, expected, `${nodeName}'s subtitle on the canvas`);
}

/**
 * A trigger node in the editor: added from the nodes panel by its "On execution failed" action,
 * its notice, (the webhook trigger) its production URL, and its subtitle on the canvas, which
 * reads the chosen events in words and follows them as they change.
 */
async function checkTriggerNode(editor, check, trigger, { baseUrl } = {}) {
	const { nodeName } = trigger;

	await check(
		`${nodeName}: “On execution failed” from the nodes panel adds it with that event`,
		async () => {
			await editor.newWorkflowWithTrigger(trigger.panelName, 'On execution failed');
			assert.match(
				await editor.ndv().locator('[data-test-id="parameter-input-events"]').innerText(),
				/Execution Failed/,
			);
		},
	);

	if (trigger.showsProductionUrl) {
		await check(`${nodeName} shows its production URL, under /webhook/ on this n8n`, async () => {
			await editor.ndv().getByText('Webhook URLs').click();
			await editor.ndv().locator('[data-test-id="radio-button-production"]').click();
			const url = editor.ndv().getByText(new RegExp(`^${baseUrl}/webhook/[0-9a-f-]+/webhook$`));
			await url.waitFor();
		});
	}

	await check(
		`${nodeName} shows one notice saying how it is used, in plain typography`,
		async () => {
			const notices = await editor.notices();
			console.log(`       ${notices.map((t) => JSON.stringify(t)).join('\n       ')}`);
			assert.strictEqual(notices.length, 1, JSON.stringify(notices));
			for (const phrase of trigger.notice) assert.match(notices[0], phrase);
			assert.doesNotMatch(notices[0], /[‘’“”]/, 'straight quotes only');
			await editor.screenshot(trigger.screenshot);
		},
	);

	await check(
		`${nodeName}: its subtitle on the canvas reads the events in words and follows them`,
		async () => {
			await editor.closeNdv();
			await expectSubtitle(editor, nodeName, 'On failed runs');
			await editor.openNode(nodeName);
			await editor.addMultiOption('events', 'Execution Completed');
			await editor.closeNdv();
			await expectSubtitle(editor, nodeName, 'On failed or completed runs');
			await editor.screenshot(`${trigger.screenshot}-canvas`);
			await editor.openNode(nodeName);
			await editor.clearMultiOptions('events');
			await editor.closeNdv();
			await expectSubtitle(editor, nodeName, 'No events chosen');
			await editor.screenshot(`${trigger.screenshot}-no-events`);
		},
	);
}

/** The example "react to failed runs", published through REST as the Publish button does. */
async function checkTriggerExample(editor, check, { rest, sandbox, key, examples }) {
	// The webhook one (react-to-failed-runs-polling.json reacts to the same runs by polling).
	const example = examples.find((e) => e.file === 'react-to-failed-runs.json');
	await check(
		'the trigger example, published, registers one hook at the sandbox for its production URL',
		async () => {
			assert.ok(example, 'example imported');
			await rest.activate(example.id);
			const hooks = (await sandbox.webhooks()).filter((h) =>
				h.url.startsWith(`${rest.baseUrl}/webhook/`),
			);
			assert.strictEqual(hooks.length, 1, JSON.stringify(hooks.map((h) => h.url)));
			assert.deepStrictEqual(hooks[0].events, ['execution.failed']);
		},
	);

	await check(
		'a failed Benchwork run starts the trigger example, which composes the alert',
		async () => {
			const before = (await rest.listExecutions({ workflowId: example.id })).map((e) => e.id);
			const started = await sandbox.api('POST', '/workflows/wf_flaky_payments/trigger', {}, key);
			assert.strictEqual(started.status, 201);
			const execution = await rest.waitForExecution({
				workflowId: example.id,
				after: before,
				timeoutMs: 60000,
			});
			assert.strictEqual(execution.status, 'success');
			const [alert] = outputItems(execution, 'Compose the alert');
			assert.strictEqual(
				alert.alert,
				`Benchwork run ${started.body.executionId} of workflow wf_flaky_payments failed: Step "Charge card" failed: card_declined`,
			);
			// The same run as the user finds it: the workflow's executions, the alert node opened.
			await editor.page.goto(`${rest.baseUrl}/workflow/${example.id}/executions/${execution.id}`, {
				waitUntil: 'domcontentloaded',
			});
			await editor.page
				.locator('[data-test-id="canvas-node"]', { hasText: 'Compose the alert' })
				.dblclick();
			await editor
				.outputPanel()
				.getByText(/card_declined/)
				.first()
				.waitFor();
			await editor.screenshot('trigger-example-execution');
		},
	);
}

module.exports = { checkTriggerNode, checkTriggerExample, TRIGGERS };
