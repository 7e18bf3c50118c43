'use strict';
// The demo's Benchwork: the repository's sandbox (test/sandbox) as its own process, with runs
// that take a few seconds as real ones do, and one workflow whose runs fail.
const { startSandboxProcess } = require('../../test/e2e/lib');

/** The sandbox's full-access key (test/sandbox/README.md). */
const DEMO_KEY = 'bw_live_sandbox_enterprise';

/** How the demo's runs behave (sandbox control API, PUT /_sandbox/workflows/:id). */
const RUNS = {
	// Seeded with 100-200 ms runs for fast tests; a demo run should visibly take a moment.
	wf_orders_sync: { durationMs: 2500 },
	// Fails at "Charge card" (card_declined): the run the trigger example reacts to.
	wf_flaky_payments: { durationMs: 4000, outcome: 'failed' },
	// Never finishes on its own in the seed; here it takes 8 s, the longest demo run.
	wf_long_report: { durationMs: 8000 },
};
const EXECUTION_DELAY_MS = 3000; // every other active workflow

/** startDemoSandbox({port, logFile}) -> sandbox control (see test/e2e/lib/sandbox.js) with stop(). */
async function startDemoSandbox({ port, logFile }) {
	const sandbox = await startSandboxProcess({
		port,
		logFile,
		args: ['--execution-delay', String(EXECUTION_DELAY_MS)],
	});
	try {
		for (const [id, patch] of Object.entries(RUNS)) await sandbox.setWorkflow(id, patch);
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
	return sandbox;
}

module.exports = { startDemoSandbox, DEMO_KEY, RUNS };
