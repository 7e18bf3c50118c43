/**
 * Trigger + Wait for Completion over many items: every run is started first, then all are waited
 * for at once by one wait whose requests do not grow with the number of runs.
 */
import {
	items,
	runBenchwork,
	runError,
	startAndWait,
	useSandbox,
} from '../../../../../helpers/sandbox';

const sandbox = useSandbox({ executionDelayMs: 150 });

const LIST = '/api/v1/executions';

/** Trigger + Wait of the workflow each item names in `$json.workflowId`. */
const triggerEach = (extra: Record<string, unknown> = {}) =>
	startAndWait('={{ $json.workflowId }}', { timeout: 20, ...extra });
const ofWorkflows = (...ids: string[]) => items(ids.length, (n) => ({ workflowId: ids[n] }));

function polls() {
	const requests = sandbox.current
		.stats()
		.requests.filter((r: { method: string }) => r.method === 'GET');
	return {
		lists: requests.filter((r: { path: string }) => r.path === LIST) as Array<{ url: string }>,
		byId: requests.filter((r: { path: string }) => r.path.startsWith(`${LIST}/`)),
	};
}

function workflow(id: string, patch: Record<string, unknown>) {
	sandbox.current.setWorkflow(id, { name: id, ...patch });
}

describe('Trigger + Wait for Completion, many items (Run Items: Together)', () => {
	it('starts every run before waiting, and outputs each finished run in input order, paired with its item', async () => {
		workflow('wf_slow', { durationMs: 1500 });
		workflow('wf_quick', { durationMs: 50 });
		workflow('wf_medium', { durationMs: 700 });
		const output = await runBenchwork(sandbox.current, triggerEach(), {
			items: ofWorkflows('wf_slow', 'wf_quick', 'wf_medium'),
		});
		expect(output.map((item) => [item.json.workflowId, item.json.status, item.pairedItem])).toEqual(
			[
				['wf_slow', 'success', { item: 0 }],
				['wf_quick', 'success', { item: 1 }],
				['wf_medium', 'success', { item: 2 }],
			],
		);
		// Benchwork's own record: the last run started before the first one (1.5 s long) had finished.
		const [slow, , medium] = output.map(
			(item) => item.json as { startedAt: string; finishedAt: string },
		);
		expect(Date.parse(medium.startedAt)).toBeLessThan(Date.parse(slow.finishedAt));
	});

	it('asks about many runs of one workflow with one list request per poll, and none one by one', async () => {
		workflow('wf_batch', { durationMs: 1200 });
		const count = 30;
		const output = await runBenchwork(sandbox.current, triggerEach(), {
			items: items(count, () => ({ workflowId: 'wf_batch' })),
		});
		expect(output.every((item) => item.json.status === 'success')).toBe(true);
		expect(new Set(output.map((item) => item.json.id)).size).toBe(count);
		const { lists, byId: single } = polls();
		expect(single).toHaveLength(0);
		expect(lists.length).toBeGreaterThan(0);
		expect(lists.length).toBeLessThan(count / 3);
		expect(
			lists.every(
				(r) => /[?&]workflowId=wf_batch(&|$)/.test(r.url) && /[?&]limit=100(&|$)/.test(r.url),
			),
		).toBe(true);
	});

	it('asks about runs of several workflows with one unfiltered list per poll', async () => {
		workflow('wf_a', { durationMs: 800 });
		workflow('wf_b', { durationMs: 800 });
		const output = await runBenchwork(sandbox.current, triggerEach(), {
			items: ofWorkflows('wf_a', 'wf_b', 'wf_a', 'wf_b'),
		});
		expect(output.map((item) => item.json.workflowId)).toEqual(['wf_a', 'wf_b', 'wf_a', 'wf_b']);
		const { lists, byId: single } = polls();
		expect(single).toHaveLength(0);
		expect(lists.length).toBeGreaterThan(0);
		expect(lists.every((r) => !r.url.includes('workflowId='))).toBe(true);
	});

	it('reads a run by ID when the list does not show it, instead of concluding anything', async () => {
		workflow('wf_a', { durationMs: 300 });
		sandbox.current.addFault({
			method: 'GET',
			path: '/executions?',
			status: 200,
			body: { executions: [] },
			times: 0,
		});
		const output = await runBenchwork(sandbox.current, triggerEach(), {
			items: ofWorkflows('wf_a', 'wf_a'),
		});
		expect(output.map((item) => item.json.status)).toEqual(['success', 'success']);
		expect(polls().byId.length).toBeGreaterThanOrEqual(2);
	});

	it.each([
		['HTML', { body: '<html>maintenance</html>', contentType: 'text/html' }],
		['an object without a list', { body: { executions: 'soon' } }],
		['null', { body: 'null', contentType: 'application/json' }],
	])(
		'keeps going when the list answer is %s: the runs are read one by one',
		async (_label, answer) => {
			workflow('wf_a', { durationMs: 300 });
			sandbox.current.addFault({
				method: 'GET',
				path: '/executions?',
				status: 200,
				times: 0,
				...answer,
			});
			const output = await runBenchwork(sandbox.current, triggerEach(), {
				items: ofWorkflows('wf_a', 'wf_a', 'wf_a'),
			});
			expect(output.map((item) => item.json.status)).toEqual(['success', 'success', 'success']);
		},
	);

	it('with Continue On Fail, gives each item its own outcome: success, failed run, timeout', async () => {
		const output = await runBenchwork(sandbox.current, triggerEach({ timeout: 1.5 }), {
			items: ofWorkflows('wf_orders_sync', 'wf_flaky_payments', 'wf_long_report'),
			continueOnFail: true,
		});
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.status).toBe('success');
		expect(output[1].json).toEqual(
			expect.objectContaining({
				error: expect.stringMatching(
					/failed: Step "Charge card" failed: card_declined \[item 1\]$/,
				),
				executionId: expect.any(String),
				workflowId: 'wf_flaky_payments',
				execution: expect.objectContaining({ status: 'failed' }),
			}),
		);
		expect(output[2].json).toEqual(
			expect.objectContaining({
				error: expect.stringMatching(
					/^Benchwork execution \S+ was still running after 2 s \[item 2\]$/,
				),
				executionId: expect.any(String),
				workflowId: 'wf_long_report',
			}),
		);
	});

	// The long runs would keep the node waiting 60 s, longer than the test: failing late fails it.
	it('without Continue On Fail, fails the node as soon as one run fails, naming the runs the other items started', async () => {
		const run = runBenchwork(sandbox.current, triggerEach({ timeout: 60 }), {
			items: ofWorkflows('wf_long_report', 'wf_flaky_payments', 'wf_long_report'),
		});
		const error = await runError(run);
		expect(error.message).toMatch(
			/^Benchwork run \S+ of workflow wf_flaky_payments failed: .*card_declined \[item 1\]$/,
		);
		const started = sandbox.current.stats().executionsStarted;
		expect(started).toEqual(expect.objectContaining({ wf_long_report: 2, wf_flaky_payments: 1 }));
		expect(error.description).toMatch(
			/2 other item\(s\) already started Benchwork runs \(exe_\S+, exe_\S+\); executing the workflow again starts them again \(n8n's Retry On Fail does not\)\.$/,
		);
		// Nothing is polled after the node failed.
		const before = sandbox.current.stats().requests.length;
		await new Promise((resolve) => setTimeout(resolve, 1200));
		expect(sandbox.current.stats().requests.length).toBe(before);
	});

	it('stops waiting for every run when n8n cancels the execution, and polls no more', async () => {
		const controller = new AbortController();
		const run = runBenchwork(sandbox.current, triggerEach({ timeout: 60 }), {
			items: ofWorkflows('wf_long_report', 'wf_long_report', 'wf_long_report'),
			abortSignal: controller.signal,
		});
		// Once a poll has come in, every trigger has been answered: the runs are being waited for.
		await sandbox.current.waitFor(
			() =>
				sandbox.current.stats().executionsStarted.wf_long_report === 3 && polls().lists.length > 0,
		);
		controller.abort();
		const error = await runError(run);
		expect(error.message).toMatch(
			/^Stopped waiting for Benchwork execution \S+: the n8n execution was cancelled \[item \d\]$/,
		);
		const before = sandbox.current.stats().requests.length;
		await new Promise((resolve) => setTimeout(resolve, 1200));
		expect(sandbox.current.stats().requests.length).toBe(before);
	});
});

describe('Trigger + Wait for Completion, Run Items: One After Another', () => {
	it('starts each item’s run only when the previous item’s run has finished', async () => {
		workflow('wf_a', { durationMs: 400 });
		const output = await runBenchwork(
			sandbox.current,
			triggerEach({ runItems: 'oneAfterAnother' }),
			{ items: ofWorkflows('wf_a', 'wf_a', 'wf_a') },
		);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const runs = output.map((item) => item.json as { startedAt: string; finishedAt: string });
		for (let n = 1; n < runs.length; n++) {
			expect(Date.parse(runs[n].startedAt)).toBeGreaterThanOrEqual(
				Date.parse(runs[n - 1].finishedAt),
			);
		}
	});

	it('does not start the next item when a run fails without Continue On Fail', async () => {
		const error = await runError(
			runBenchwork(sandbox.current, triggerEach({ runItems: 'oneAfterAnother' }), {
				items: ofWorkflows('wf_orders_sync', 'wf_flaky_payments', 'wf_orders_sync'),
			}),
		);
		expect(error.message).toMatch(/card_declined \[item 1\]$/);
		expect(error.description).toMatch(
			/The 1 item\(s\) before this one already started Benchwork runs \(exe_\S+\)/,
		);
		expect(sandbox.current.stats().executionsStarted.wf_orders_sync).toBe(1);
	});

	it('rejects a Run Items value it does not know before starting anything', async () => {
		const error = await runError(
			runBenchwork(sandbox.current, triggerEach({ runItems: 'sideways' }), {
				items: ofWorkflows('wf_a'),
			}),
		);
		expect(error.message).toBe(
			'Run Items: "sideways" is not one of: together, oneAfterAnother [item 0]',
		);
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});
});
