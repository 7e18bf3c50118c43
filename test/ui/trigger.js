'use strict';
// The Benchwork Trigger in the editor (its production URL and notices), and the trigger example
// working in the demo: publishing it registers a hook at the sandbox, and a failed Benchwork run
// starts it.
const assert = require('assert');
const { outputItems } = require('../e2e/lib');

async function checkTriggerNode(editor, check, { baseUrl }) {
	const { page } = editor;

	await check(
		'Benchwork Trigger: “On execution failed” from the nodes panel adds it with that event',
		async () => {
			await editor.newWorkflow();
			await page.click('[data-test-id="canvas-add-button"]');
			await editor.searchNodePanel('Benchwork');
			await editor.clickPanelItem('Benchwork');
			await page.getByText('On execution failed').click();
			await editor.ndv().waitFor();
			assert.match(
				await editor.ndv().locator('[data-test-id="parameter-input-events"]').innerText(),
				/Execution Failed/,
			);
		},
	);

	await check(
		'Benchwork Trigger shows its production URL, under /webhook/ on this n8n',
		async () => {
			await editor.ndv().getByText('Webhook URLs').click();
			await editor.ndv().locator('[data-test-id="radio-button-production"]').click();
			const url = editor.ndv().getByText(new RegExp(`^${baseUrl}/webhook/[0-9a-f-]+/webhook$`));
			await url.waitFor();
			await editor.screenshot('benchwork-trigger');
		},
	);

	await check('Benchwork Trigger shows notices that explain how it is used', async () => {
		const notices = editor.ndv().locator('[data-test-id="node-parameters"] [role="alert"]');
		assert.ok((await notices.count()) > 0, 'no notice in the trigger’s parameters');
		const texts = (await notices.allInnerTexts()).map((t) => t.trim());
		assert.ok(
			texts.every((t) => t.length >= 20),
			`notices: ${JSON.stringify(texts)}`,
		);
		console.log(`       ${texts.map((t) => JSON.stringify(t)).join('\n       ')}`);
	});
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

module.exports = { checkTriggerNode, checkTriggerExample };
