/**
 * Faults while waiting for a started run: every failure names the run and says it was not
 * started again, the Timeout holds while requests wait, and statuses Benchwork does not document
 * are read by what they look like.
 */
import type { INodeParameters } from 'n8n-workflow';

import { Benchwork } from '../../../../../../nodes/Benchwork/Benchwork.node';
import { runNode } from '../../../../../helpers/n8nHarness';
import {
	credentialsFor,
	items,
	KEYS,
	runBenchwork,
	runError,
	startAndWait,
	useSandbox,
} from '../../../../../helpers/sandbox';

const sandbox = useSandbox({ executionDelayMs: 150 });

/** Both ways of polling: a run waited for alone (by ID) and runs waited for together (list). */
const polling = [
	['one run (read by ID)', 1, '/executions/'],
	['three runs (read from the list)', 3, '/executions?'],
] as const;

describe('waiting: a failure after the start names the run and does not start it again', () => {
	describe.each(polling)('%s', (_label, count, pollPath) => {
		it.each([
			['a 500 (after retries)', { status: 500 }, /Benchwork had a server error \(500\)/],
			['a 401', { status: 401 }, /did not accept the API key \(401\)/],
			['a dropped connection', { drop: true }, /Could not get an answer from Benchwork/],
		])('a poll that gets %s', async (_fault, fault, reason) => {
			sandbox.current.addFault({ method: 'GET', path: pollPath, times: 0, ...fault });
			const output = await runBenchwork(sandbox.current, startAndWait('wf_long_report'), {
				items: items(count),
				continueOnFail: true,
			});
			expect(output).toHaveLength(count);
			for (const [index, item] of output.entries()) {
				expect(item.json.error).toMatch(
					new RegExp(
						`^Could not follow Benchwork execution exe_\\S+ of workflow wf_long_report: .*\\[item ${index}\\]$`,
					),
				);
				expect(item.json.error).toMatch(reason);
				expect(item.json.description).toMatch(
					/^The run was started in Benchwork and keeps going there; it was not started again\./,
				);
				expect(item.json).toEqual(
					expect.objectContaining({
						executionId: expect.stringMatching(/^exe_/),
						workflowId: 'wf_long_report',
					}),
				);
			}
			expect(new Set(output.map((item) => item.json.executionId)).size).toBe(count);
			expect(sandbox.current.stats().triggerAttempts.wf_long_report).toBe(count);
		});
	});

	it('without Continue On Fail, the node’s error names the run it started', async () => {
		sandbox.current.addFault({ method: 'GET', path: '/executions/', status: 503, times: 0 });
		const error = await runError(runBenchwork(sandbox.current, startAndWait('wf_long_report')));
		expect(error.message).toMatch(
			/^Could not follow Benchwork execution (exe_\S+) of workflow wf_long_report: Benchwork had a server error \(503\)/,
		);
		expect(error.description).toMatch(/it was not started again/);
		expect(sandbox.current.stats().triggerAttempts.wf_long_report).toBe(1);
	});

	it('a run that disappears (404 by ID, not in the list) fails only its own item', async () => {
		sandbox.current.setWorkflow('wf_a', { durationMs: 1500 });
		// The node's lists (limit=100) show nothing; the test's own query (limit=1) is not touched.
		sandbox.current.addFault({
			method: 'GET',
			path: 'limit=100',
			status: 200,
			body: { executions: [] },
			times: 0,
		});
		const run = runBenchwork(
			sandbox.current,
			startAndWait('={{ $json.workflowId }}', { timeout: 20 }),
			{
				items: items(2, (n) => ({ workflowId: ['wf_long_report', 'wf_a'][n] })),
				continueOnFail: true,
			},
		);
		await sandbox.current.waitFor(
			() => sandbox.current.stats().executionsStarted.wf_long_report === 1,
		);
		const answer = await fetch(
			`${sandbox.current.baseUrl}/executions?workflowId=wf_long_report&limit=1`,
			{
				headers: { Authorization: 'Bearer bw_live_sandbox_enterprise' },
			},
		);
		const [gone] = ((await answer.json()) as { executions: Array<{ id: string }> }).executions;
		sandbox.current.addFault({
			method: 'GET',
			path: `/executions/${gone.id}`,
			status: 404,
			times: 0,
		});
		const output = await run;
		expect(output[0].json).toEqual(
			expect.objectContaining({
				error: `Benchwork no longer knows execution ${gone.id} (404) that it just started [item 0]`,
				executionId: gone.id,
				workflowId: 'wf_long_report',
			}),
		);
		expect(output[1].json.status).toBe('success');
	}, 20_000);
});

describe('waiting: a run not readable yet right after its start', () => {
	it.each(polling)(
		'%s: a few 404s by ID are tolerated, and the run is output when it ends',
		async (_label, count) => {
			sandbox.current.setWorkflow('wf_a', { durationMs: 1200 });
			sandbox.current.addFault({
				method: 'GET',
				path: 'limit=100',
				status: 200,
				body: { executions: [] },
				times: 2,
			});
			sandbox.current.addFault({
				method: 'GET',
				path: '/executions/',
				status: 404,
				times: 2 * count,
			});
			const output = await runBenchwork(sandbox.current, startAndWait('wf_a'), {
				items: items(count),
			});
			expect(output.map((item) => item.json.status)).toEqual(Array(count).fill('success'));
			expect(sandbox.current.stats().triggerAttempts.wf_a).toBe(count);
		},
	);
});

describe('waiting: the Timeout is a deadline for the whole wait, requests included', () => {
	// Without the deadline, each of these waits 20 s or more: longer than the test's own timeout.
	it('holds while a poll waits for a slow answer', async () => {
		sandbox.current.addFault({ method: 'GET', path: '/executions/', delayMs: 20_000, times: 0 });
		const error = await runError(
			runBenchwork(sandbox.current, startAndWait('wf_long_report', { timeout: 1 })),
		);
		expect(error.message).toMatch(
			/^Benchwork execution exe_\S+ was not yet reported by Benchwork after 1 s \[item 0\]$/,
		);
		expect(error.description).toMatch(/it was not started again/);
	}, 10_000);

	it('holds while the rate-limit window is spent', async () => {
		// The first poll's answer says the key's window is spent for the next 50 s.
		const reset = String(Math.ceil(Date.now() / 1000) + 50);
		sandbox.current.addFault({
			method: 'GET',
			path: '/executions/',
			status: 200,
			body: { status: 'running' },
			headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset },
		});
		// Its own key: the spent window it leaves behind must not hold up the tests after it.
		const [output] = await runNode({
			nodeType: new Benchwork(),
			parameters: startAndWait('wf_long_report', { timeout: 2 }) as INodeParameters,
			credentials: credentialsFor(sandbox.current, KEYS.enterprise2),
			continueOnFail: true,
		});
		expect(output[0].json.error).toMatch(
			/^Benchwork execution exe_\S+ was still running after 2 s \[item 0\]$/,
		);
		expect(output[0].json.executionId).toMatch(/^exe_/);
	}, 10_000);

	it('holds for each item while runs are waited for together', async () => {
		sandbox.current.addFault({ method: 'GET', path: '/executions?', delayMs: 20_000, times: 0 });
		const output = await runBenchwork(
			sandbox.current,
			startAndWait('wf_long_report', { timeout: 1 }),
			{
				items: items(2),
				continueOnFail: true,
			},
		);
		expect(output.map((item) => item.json.error)).toEqual([
			expect.stringMatching(
				/^Benchwork execution exe_\S+ was not yet reported by Benchwork after 1 s \[item 0\]$/,
			),
			expect.stringMatching(
				/^Benchwork execution exe_\S+ was not yet reported by Benchwork after 1 s \[item 1\]$/,
			),
		]);
		expect(output.map((item) => item.json.executionId)).toEqual([
			expect.stringMatching(/^exe_/),
			expect.stringMatching(/^exe_/),
		]);
	}, 10_000);
});

describe('waiting: statuses Benchwork does not document', () => {
	it.each([
		['cancelled', { status: 'cancelled' }, /ended with status "cancelled"/],
		['error', { status: 'error' }, /ended with status "error"/],
		[
			'an unknown word with finishedAt set',
			{ status: 'archived', finishedAt: '2025-01-01T00:00:00Z' },
			/ended with status "archived"/,
		],
	])(
		'ends the wait on a terminal-looking status: %s',
		async (_label, execution, message) => {
			sandbox.current.addFault({
				method: 'GET',
				path: '/executions/',
				status: 200,
				body: { id: 'exe_x', ...execution },
				times: 0,
			});
			const error = await runError(
				runBenchwork(sandbox.current, startAndWait('wf_long_report', { timeout: 30 })),
			);
			expect(error.message).toMatch(message);
			expect(error.message).toMatch(/^Benchwork run exe_\S+ of workflow wf_long_report/);
		},
		10_000,
	);

	it('outputs a run whose status is success in other casing', async () => {
		sandbox.current.addFault({
			method: 'GET',
			path: '/executions/',
			status: 200,
			body: { id: 'exe_x', status: 'SUCCESS' },
			times: 0,
		});
		const output = await runBenchwork(sandbox.current, startAndWait('wf_long_report'));
		expect(output[0].json.status).toBe('SUCCESS');
	});

	it('keeps polling an unknown status without finishedAt, and the timeout names it', async () => {
		sandbox.current.addFault({
			method: 'GET',
			path: '/executions/',
			status: 200,
			body: { status: 'queued', finishedAt: null },
			times: 0,
		});
		const error = await runError(
			runBenchwork(sandbox.current, startAndWait('wf_long_report', { timeout: 1.5 })),
		);
		expect(error.message).toMatch(
			/^Benchwork execution exe_\S+ was still at status "queued" after 2 s \[item 0\]$/,
		);
		const polls = sandbox.current
			.stats()
			.requests.filter((r: { path: string }) => r.path.startsWith('/api/v1/executions/'));
		expect(polls.length).toBeGreaterThanOrEqual(2);
	});
});

describe('a trigger answer without a usable executionId', () => {
	it.each([
		['{}', { body: {} }],
		['null', { body: 'null', contentType: 'application/json' }],
		['HTML', { body: '<html>ok</html>', contentType: 'text/html' }],
		['an object as executionId', { body: { executionId: { id: 'exe_1' } } }],
		['an empty executionId', { body: { executionId: '' } }],
	])(
		'%s: fails the item saying the run may have started, sends nothing again and polls nothing',
		async (_label, answer) => {
			sandbox.current.addFault({
				method: 'POST',
				path: '/trigger',
				status: 201,
				afterHandling: true,
				...answer,
			});
			const error = await runError(runBenchwork(sandbox.current, startAndWait('wf_orders_sync')));
			expect(error.message).toMatch(/did not say which run it started/);
			expect(error.description).toMatch(
				/may have started, so the start request was not sent again/,
			);
			const stats = sandbox.current.stats();
			expect(stats.triggerAttempts.wf_orders_sync).toBe(1);
			expect(
				stats.requests.filter((r: { path: string }) => r.path.startsWith('/api/v1/executions')),
			).toHaveLength(0);
		},
	);
});
