#!/usr/bin/env node
'use strict';
// npm run test:ui: the package's nodes in n8n's editor, in a real browser (Debian's Chromium via
// playwright-core), against the demo's setup (npm run demo) started afresh on free ports:
// sign in; the nodes panel; fields per resource and operation; Run Items and the wait fields'
// maximum; the workflow picker; a run and its output; a new Trigger node's Payload without an error
// mark; the credential dialog's test and Base URL help; both trigger nodes (notice, subtitle on the
// canvas; the webhook one's production URL); the trigger example end to end.
// Screenshots: .demo/ui-test/screenshots/ (git-ignored). Ends with "N passed, N failed".
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { Checks, Stages } = require('../e2e/lib');
const { startDemo, CREDENTIAL_NAME, DEMO_KEY } = require('../../demo/lib/stack');
const { stopAll } = require('../../demo/lib/progress');
const { launchBrowser, requireChromium } = require('./lib/browser');
const { Editor, SCREENSHOTS, UI_STATE_DIR } = require('./lib/editor');
const { checkActionNode, checkFreshTriggerPayload } = require('./actionNode');
const { checkCredentialDialog } = require('./credential');
const { checkTriggerNode, checkTriggerExample, TRIGGERS } = require('./trigger');

const stages = new Stages('[ui]');
const checks = new Checks();
const check = (name, fn) => checks.check(name, fn);

let demo;
let browser;
async function stopEverything() {
	stopAll('SIGTERM');
	if (browser) await browser.close();
	if (demo) await demo.stop();
}
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, async () => {
		console.log(`[ui] ${signal}: stopping the browser, n8n and the sandbox`);
		await stopEverything();
		process.exit(130);
	});
}

async function main() {
	requireChromium();
	fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
	demo = await stages.run('start the demo (fresh state, free ports)', () =>
		startDemo({
			stateDir: UI_STATE_DIR,
			port: 0,
			sandboxPort: 0,
			fresh: true,
			log: (t) => console.log(`[ui] ${t}`),
		}),
	);
	console.log(
		`[ui] n8n ${demo.line.n8nVersion} at ${demo.editorUrl}, sandbox at ${demo.sandbox.baseUrl}`,
	);
	browser = await stages.run('launch Chromium', () => launchBrowser());
	const editor = new Editor(browser.page, demo.editorUrl);

	await stages.run('sign in', () =>
		check('signs in with the demo owner and reaches the workflows overview', async () => {
			await editor.signIn(demo.owner);
			assert.match(browser.page.url(), /\/home\/workflows|\/workflows/);
			// The list loads after the page: wait for the demo's example workflows, not the skeleton.
			await browser.page.locator('[data-test-id="resources-list-item-workflow"]').first().waitFor();
			await editor.screenshot('signed-in');
		}),
	);
	await stages.run('Benchwork node', () =>
		checkActionNode(editor, check, { credentialName: CREDENTIAL_NAME }),
	);
	await stages.run('a new Workflow → Trigger node', () => checkFreshTriggerPayload(editor, check));
	await stages.run('credential dialog', () =>
		checkCredentialDialog(editor, check, { goodKey: DEMO_KEY }),
	);
	await stages.run('Benchwork Trigger', () =>
		checkTriggerNode(editor, check, TRIGGERS.webhook, { baseUrl: demo.editorUrl }),
	);
	await stages.run('Benchwork Polling Trigger', () =>
		checkTriggerNode(editor, check, TRIGGERS.polling),
	);
	await stages.run('trigger example', () =>
		checkTriggerExample(editor, check, {
			rest: demo.rest,
			sandbox: demo.sandbox,
			key: DEMO_KEY,
			examples: demo.examples,
		}),
	);
}

main()
	.catch((error) => checks.fail('the browser test could not run', error))
	.finally(async () => {
		await stopEverything();
		console.log(`\n${stages.summary()}`);
		console.log(`[ui] screenshots: ${path.relative(process.cwd(), SCREENSHOTS)}/`);
		console.log(`\n${checks.summaryLine()}`);
		process.exit(checks.failed ? 1 : 0);
	});
