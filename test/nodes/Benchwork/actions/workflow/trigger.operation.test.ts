import {
	callSandbox,
	items,
	runBenchwork,
	runError,
	startAndWait,
	startWorkflow,
	useSandbox,
} from '../../../../helpers/sandbox';

const sandbox = useSandbox({ executionDelayMs: 150 });

describe('Benchwork → Workflow → Trigger', () => {
	it('starts the workflow and outputs the execution ID without waiting', async () => {
		const output = await runBenchwork(sandbox.current, startWorkflow('wf_orders_sync'));
		expect(output).toEqual([
			{
				json: { executionId: expect.stringMatching(/.+/), workflowId: 'wf_orders_sync' },
				pairedItem: { item: 0 },
			},
		]);
		const execution = await sandbox.current.waitFor(
			() => sandbox.current.stats().executionsStarted.wf_orders_sync === 1,
		);
		expect(execution).toBeTruthy();
	});

	it('sends the payload object as {payload}', async () => {
		const output = await runBenchwork(
			sandbox.current,
			startWorkflow('wf_orders_sync', { payload: '{"orderId": 42, "tags": ["rush"]}' }),
		);
		const id = output[0].json.executionId as string;
		const { body: execution } = await callSandbox<{ payload?: unknown }>(
			sandbox.current,
			`/executions/${id}`,
		);
		expect(execution.payload).toEqual({ orderId: 42, tags: ['rush'] });
	});

	it('accepts a payload object produced by an expression', async () => {
		const output = await runBenchwork(
			sandbox.current,
			startWorkflow('wf_orders_sync', { payload: { orderId: 7 } }),
		);
		expect(output[0].json.executionId).toBeTruthy();
	});

	it.each([
		['an array', '[1, 2]', /^Payload: must be a JSON object, got a list \[item 0\]$/],
		['a number', '42', /^Payload: must be a JSON object, got 42 \[item 0\]$/],
		['a string', '"hello"', /^Payload: must be a JSON object, got "hello" \[item 0\]$/],
		['malformed JSON', '{"orderId": 42', /^Payload: is not valid JSON \(.+\) \[item 0\]$/],
	])('rejects %s as payload before starting anything', async (_label, payload, message) => {
		const error = await runError(
			runBenchwork(sandbox.current, startWorkflow('wf_orders_sync', { payload })),
		);
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(/JSON object such as/);
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});

	it('does not resend a trigger that got a 500 after reaching Benchwork (no double start)', async () => {
		sandbox.current.addFault({
			method: 'POST',
			path: '/trigger',
			status: 500,
			afterHandling: true,
			times: 0,
		});
		const error = await runError(runBenchwork(sandbox.current, startWorkflow('wf_orders_sync')));
		expect(error.message).toMatch(/^Benchwork had a server error \(500\)/);
		expect(error.description).toMatch(/not sent again/);
		expect(sandbox.current.stats().triggerAttempts.wf_orders_sync).toBe(1);
		expect(sandbox.current.stats().executionsStarted.wf_orders_sync).toBe(1);
	});

	it('does not resend a trigger whose connection dropped', async () => {
		sandbox.current.addFault({
			method: 'POST',
			path: '/trigger',
			drop: true,
			afterHandling: true,
			times: 0,
		});
		const error = await runError(runBenchwork(sandbox.current, startWorkflow('wf_orders_sync')));
		expect(error.message).toMatch(/^Could not get an answer from Benchwork/);
		expect(error.description).toMatch(/not sent again/);
		expect(sandbox.current.stats().triggerAttempts.wf_orders_sync).toBe(1);
	});

	it('retries a trigger refused with 429 and starts it exactly once', async () => {
		sandbox.current.addFault({
			method: 'POST',
			path: '/trigger',
			status: 429,
			headers: { 'Retry-After': '0.05' },
			times: 1,
		});
		const output = await runBenchwork(sandbox.current, startWorkflow('wf_orders_sync'));
		expect(output[0].json.executionId).toBeTruthy();
		expect(sandbox.current.stats().triggerAttempts.wf_orders_sync).toBe(2);
		expect(sandbox.current.stats().executionsStarted.wf_orders_sync).toBe(1);
	});

	it('explains a paused workflow with Benchwork’s own words', async () => {
		const error = await runError(runBenchwork(sandbox.current, startWorkflow('wf_newsletter')));
		expect(error.message).toMatch(/^Benchwork rejected the request as invalid \(400\): .*paused/);
		expect(sandbox.current.stats().executionsStarted.wf_newsletter ?? 0).toBe(0);
	});

	describe('waiting for completion', () => {
		it('outputs the finished execution of a successful run', async () => {
			const output = await runBenchwork(sandbox.current, startAndWait('wf_orders_sync'));
			expect(output).toHaveLength(1);
			expect(output[0].json).toEqual(
				expect.objectContaining({
					workflowId: 'wf_orders_sync',
					status: 'success',
					finishedAt: expect.any(String),
				}),
			);
			expect(output[0].pairedItem).toEqual({ item: 0 });
		});

		it('fails the item with the run’s own error when the run fails', async () => {
			const error = await runError(
				runBenchwork(sandbox.current, startAndWait('wf_flaky_payments')),
			);
			expect(error.message).toMatch(
				/^Benchwork run \S+ of workflow wf_flaky_payments failed: Step "Charge card" failed: card_declined \[item 0\]$/,
			);
		});

		it('passes a failed run on as an item under Continue On Fail, with the execution', async () => {
			const output = await runBenchwork(sandbox.current, startAndWait('wf_flaky_payments'), {
				continueOnFail: true,
			});
			expect(output).toHaveLength(1);
			expect(output[0].json.error).toMatch(/card_declined/);
			expect(output[0].json.execution).toEqual(
				expect.objectContaining({ status: 'failed', workflowId: 'wf_flaky_payments' }),
			);
			expect(output[0].pairedItem).toEqual({ item: 0 });
		});

		it('gives up after the timeout, saying the run goes on and what to change', async () => {
			const error = await runError(
				runBenchwork(
					sandbox.current,
					startAndWait('wf_long_report', { timeout: 1.5, pollInterval: 0.5 }),
				),
			);
			expect(error.message).toMatch(
				/^Benchwork execution \S+ was still running after 2 s \[item 0\]$/,
			);
			expect(error.description).toMatch(/Raise Timeout/);
			expect(sandbox.current.stats().executionsStarted.wf_long_report).toBe(1);
		});

		// The wait's own timeout (60 s) is longer than the test's: ignoring the cancel fails the test.
		it('stops waiting when n8n cancels the execution', async () => {
			const controller = new AbortController();
			const run = runBenchwork(sandbox.current, startAndWait('wf_long_report', { timeout: 60 }), {
				abortSignal: controller.signal,
			});
			await sandbox.current.waitFor(
				() => sandbox.current.stats().executionsStarted.wf_long_report === 1,
			);
			controller.abort();
			const error = await runError(run);
			expect(error.message).toMatch(/cancelled/);
			expect(error.message).toMatch(/\[item 0\]$/);
		});

		it('rejects a timeout that is not a positive number of seconds before starting anything', async () => {
			const error = await runError(
				runBenchwork(sandbox.current, startAndWait('wf_orders_sync', { timeout: -5 })),
			);
			expect(error.message).toBe('Timeout: -5 is not a number of seconds from 1 to 86400 [item 0]');
			expect(sandbox.current.stats().requests).toHaveLength(0);
		});

		it('waits for each item in turn, keeping items paired', async () => {
			const output = await runBenchwork(sandbox.current, startAndWait('wf_orders_sync'), {
				items: items(3),
			});
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(new Set(output.map((item) => item.json.id)).size).toBe(3);
			expect(output.every((item) => item.json.status === 'success')).toBe(true);
		});
	});
});
