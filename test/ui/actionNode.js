'use strict';
// The Benchwork node in the editor: found in the nodes panel, its fields following Resource and
// Operation, Run Items and the wait fields' maximum, the workflow picker searching Benchwork, and
// a run showing its output.
const assert = require('assert');

// A day: the largest Timeout and Poll Interval, in the editor as in a run (MAX_WAIT_SECONDS in
// nodes/Benchwork/actions/workflow/wait/waitOptions.ts).
const MAX_WAIT_SECONDS = 86400;

const ACTIONS = [
	'Get an execution',
	'Get many executions',
	'Get a workflow',
	'Get many workflows',
	'Trigger a workflow',
];

async function checkActionNode(editor, check, { credentialName }) {
	const { page } = editor;

	await check('the nodes panel finds “Benchwork” and lists its five actions', async () => {
		await editor.manualTriggerWithPanel();
		await editor.searchNodePanel('Benchwork');
		assert.ok(
			(await editor.panelItems()).includes('Benchwork'),
			`panel shows ${await editor.panelItems()}`,
		);
		await editor.screenshot('nodes-panel-search');
		await editor.clickPanelItem('Benchwork');
		await page
			.locator('[data-test-id="node-creator-item-name"]', { hasText: 'Trigger a workflow' })
			.waitFor();
		const items = await editor.panelItems();
		for (const action of ACTIONS)
			assert.ok(items.includes(action), `"${action}" missing from ${JSON.stringify(items)}`);
		await editor.screenshot('benchwork-actions');
	});

	await check(
		`choosing “Get a workflow” adds the node with the credential “${credentialName}” selected`,
		async () => {
			await editor.clickPanelItem('Get a workflow');
			await editor.ndv().waitFor();
			const credential = await editor
				.ndv()
				.locator('[data-test-id="node-credentials-select"] input')
				.inputValue();
			assert.strictEqual(credential, credentialName);
			assert.deepStrictEqual(await editor.parameterNames(), [
				'resource',
				'operation',
				'workflowId',
			]);
		},
	);

	await check('Execution → Get Many shows Limit and Filters, and no Workflow picker', async () => {
		await editor.choose('resource', 'Execution');
		await editor.choose('operation', 'Get Many');
		const names = await editor.parameterNames();
		assert.deepStrictEqual(names.slice(0, 3), ['resource', 'operation', 'limit']);
		assert.ok(!names.includes('workflowId'), names.join(', '));
		assert.ok(
			await editor.ndv().getByText('Filters', { exact: true }).isVisible(),
			'Filters shown',
		);
		await editor.screenshot('execution-get-many');
	});

	await check('Workflow → Trigger shows Workflow, Payload and Wait for Completion', async () => {
		await editor.choose('resource', 'Workflow');
		await editor.choose('operation', 'Trigger');
		assert.deepStrictEqual(await editor.parameterNames(), [
			'resource',
			'operation',
			'workflowId',
			'payload',
			'waitForCompletion',
		]);
	});

	await check(
		'Timeout and Poll Interval are offered only once Wait for Completion is on',
		async () => {
			const offered = async () =>
				[...(await editor.parameterNames()), ...(await editor.collectionOptions())].join(' | ');
			const before = await offered();
			assert.ok(!/timeout|poll ?interval/i.test(before), `offered before waiting is on: ${before}`);
			if (!(await editor.parameterNames()).includes('waitForCompletion'))
				await editor.addCollectionOption('Wait for Completion');
			await editor.switchOn('waitForCompletion');
			const after = await offered();
			assert.match(after, /timeout/i, `not offered with waiting on: ${after}`);
			assert.match(after, /poll ?interval/i, `not offered with waiting on: ${after}`);
			await editor.screenshot('trigger-wait-for-completion');
		},
	);

	await check(
		'Run Items offers Together and One After Another, each described, and is not worded as a yes/no',
		async () => {
			await page.click(
				'[data-test-id="node-parameters"] [data-test-id="parameter-input-runItems"]',
			);
			await editor.visibleOptions().first().waitFor();
			await page.waitForTimeout(500); // the list fades in: the screenshot shows it settled
			const options = (await editor.visibleOptions().allInnerTexts()).map((text) =>
				text.split('\n').map((line) => line.trim()),
			);
			await editor.screenshot('run-items-options');
			await page.click(
				'[data-test-id="node-parameters"] [data-test-id="parameter-input-runItems"]',
			);
			assert.deepStrictEqual(
				options.map(([name]) => name),
				['Together', 'One After Another'],
			);
			for (const [name, description] of options)
				assert.ok(description && description.length > 20, `${name}: ${description}`);
			const help = await editor.helpText('Run Items');
			console.log(`       Run Items: ${JSON.stringify(help)}`);
			assert.doesNotMatch(help, /^Whether\b/);
		},
	);

	await check(
		`Timeout and Poll Interval stop at a day (${MAX_WAIT_SECONDS} s): typing 90000 does not stay`,
		async () => {
			for (const [name, label, fallback] of [
				['timeout', 'Timeout (Seconds)', '300'],
				['pollInterval', 'Poll Interval (Seconds)', '5'],
			]) {
				const input = editor.ndv().locator(`[data-test-id="parameter-input-${name}"] input`);
				assert.strictEqual(await input.getAttribute('aria-valuemax'), String(MAX_WAIT_SECONDS));
				const shown = await editor.typeNumber(name, '90000');
				console.log(`       ${name}: typed 90000, the field shows ${shown}`);
				assert.ok(Number(shown) <= MAX_WAIT_SECONDS, `${name} shows ${shown}`);
				assert.match(await editor.helpText(label), new RegExp(`${MAX_WAIT_SECONDS}`));
				if (name === 'timeout') await editor.screenshot('timeout-maximum');
				assert.strictEqual(await editor.typeNumber(name, fallback), fallback);
			}
		},
	);

	await check(
		'the Workflow list searches Benchwork by name and picks “Payment capture”',
		async () => {
			await editor.choose('operation', 'Get');
			const listed = await editor.pickFromList('workflowId', 'pay', 'Payment capture', {
				screenshot: 'benchwork-node',
			});
			assert.deepStrictEqual(listed, ['Payment capture (active)']);
			const shown = await page
				.locator('[data-test-id="parameter-input-workflowId"] [data-test-id="rlc-input"]')
				.inputValue();
			assert.match(shown, /^Payment capture/);
		},
	);

	await check('Execute step outputs the picked workflow as one item', async () => {
		await editor.executeStep();
		const output = editor.outputPanel();
		await output.getByText('1 item').waitFor();
		await output.getByText('wf_flaky_payments').first().waitFor();
		assert.match(await output.innerText(), /Payment capture/);
		await editor.screenshot('benchwork-output');
	});

	await check('By ID flags a malformed workflow ID in the editor, and not a good one', async () => {
		await editor.locatorMode('workflowId', 'By ID');
		const input = page.locator(
			'[data-test-id="parameter-input-workflowId"] [data-test-id="rlc-input"]',
		);
		const issues = page.locator(
			'[data-test-id="parameter-input-workflowId"] [data-test-id="parameter-issues"], [data-test-id="resource-locator-workflowId"] [data-test-id="parameter-issues"]',
		);
		await input.fill('wf_orders_sync');
		await input.blur();
		await page.waitForTimeout(500);
		assert.strictEqual(await issues.count(), 0, 'no issue for wf_orders_sync');
		await input.fill('..');
		await input.blur();
		await issues.first().waitFor({ state: 'visible', timeout: 5000 });
		await issues.first().hover(); // its tooltip says what is wrong
		await page.waitForTimeout(500);
		await editor.screenshot('workflow-by-id-invalid');
		await input.fill('wf_flaky_payments');
		await input.blur();
	});
}

// n8n's JSON editor (CodeMirror) marks a line its linter rejects twice: a red dot in the gutter
// and a point under the text.
const JSON_ERROR_MARKER = '.cm-lint-marker-error, .cm-lintPoint-error';
// CodeMirror lints about 750 ms after the last change: wait longer before saying "no marker".
const LINT_SETTLED_MS = 2500;

/** A new Workflow → Trigger node opens without an error mark on its (empty) Payload. */
async function checkFreshTriggerPayload(editor, check) {
	const { page } = editor;
	const payload = page.locator(
		'[data-test-id="node-parameters"] [data-test-id="parameter-input-payload"]',
	);

	await check('a new Workflow → Trigger node opens with no error marker on Payload', async () => {
		await editor.manualTriggerWithPanel();
		await editor.searchNodePanel('Benchwork');
		await editor.clickPanelItem('Benchwork');
		await editor.clickPanelItem('Trigger a workflow');
		await editor.ndv().waitFor();
		await payload.waitFor();
		await page.waitForTimeout(LINT_SETTLED_MS);
		await editor.screenshot('trigger-fresh-payload');
		const markers = await payload.locator(JSON_ERROR_MARKER).count();
		assert.strictEqual(
			markers,
			0,
			`the fresh node's Payload shows ${markers} JSON error marker(s) (see the screenshot trigger-fresh-payload)`,
		);
	});

	await check(
		'the Payload editor does mark JSON it rejects (the check above can fail)',
		async () => {
			const code = payload.locator('.cm-content[data-language="json"]');
			if (!(await code.count())) return; // not a JSON editor any more: nothing to lint
			await code.click();
			await page.keyboard.press('Control+A');
			await page.keyboard.type('{"orderId": ', { delay: 40 });
			await payload.locator(JSON_ERROR_MARKER).first().waitFor({ timeout: 10000 });
		},
	);
}

module.exports = { checkActionNode, checkFreshTriggerPayload };
