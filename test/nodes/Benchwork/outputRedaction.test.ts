/**
 * No secret in any output, under any body: a hostile sandbox echoes the request's headers into
 * 2xx answers (`echoHeaders`) or repeats the caller's key in error messages (`leakKey`) verbatim,
 * in swapped case, or split by a zero-width space.
 */
import { inspect } from 'util';

import { Benchwork } from '../../../nodes/Benchwork/Benchwork.node';
import { capturedLogs, runListSearch } from '../../helpers/n8nHarness';
import {
	byId,
	credentialsFor,
	KEYS,
	runBenchwork,
	runError,
	startWorkflow,
	useSandbox,
} from '../../helpers/sandbox';

const sandbox = useSandbox({ executionDelayMs: 50 });
const key = KEYS.enterprise;
const LEAK_FORMS = ['verbatim', 'case', 'split'] as const;

/** Everything a user, a log or a saved execution could show of a value. */
function exposed(value: unknown): string {
	return `${JSON.stringify(value)}\n${inspect(value, { depth: 20, showHidden: true })}`;
}

/** Whether `text` holds the key in any spelling a reader would still recognise. */
function holdsKey(text: string): boolean {
	return text
		.replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
		.toLowerCase()
		.includes(key.toLowerCase());
}

/** A cut `[redacted]` marker: `[red…`, `[redac` and the like. */
const CUT_MARKER =
	/\[r(?:e(?:d(?:a(?:c(?:t(?:e(?:d)?)?)?)?)?)?)?(?!edacted\]|dacted\]|acted\]|cted\]|ted\]|ed\]|d\]|\])/;

function expectClean(value: unknown): void {
	const text = exposed(value);
	expect(holdsKey(text)).toBe(false);
	expect(text).not.toMatch(CUT_MARKER);
	expect(holdsKey(exposed(capturedLogs))).toBe(false);
}

const failingTrigger = {
	resource: 'workflow',
	operation: 'trigger',
	workflowId: byId('wf_flaky_payments'),
	payload: '{}',
	waitForCompletion: true,
	pollInterval: 0.5,
	// The full execution copy: the most a hostile answer can put into the output.
	simplify: false,
};

describe('output redaction against a hostile server', () => {
	beforeEach(() => {
		capturedLogs.length = 0;
	});

	describe('a 2xx answer that echoes the Authorization header', () => {
		it.each([
			[
				'Workflow → Get',
				{ resource: 'workflow', operation: 'get', workflowId: byId('wf_orders_sync') },
			],
			['Workflow → Get Many', { resource: 'workflow', operation: 'getAll', limit: 5, filters: {} }],
			[
				'Execution → Get Many',
				{ resource: 'execution', operation: 'getAll', limit: 5, filters: {}, simplify: false },
			],
			[
				'Workflow → Trigger',
				{
					resource: 'workflow',
					operation: 'trigger',
					workflowId: byId('wf_orders_sync'),
					payload: '{}',
				},
			],
			[
				'Workflow → Trigger and wait',
				{
					resource: 'workflow',
					operation: 'trigger',
					workflowId: byId('wf_orders_sync'),
					payload: '{}',
					waitForCompletion: true,
					pollInterval: 0.5,
					simplify: false,
				},
			],
		])('leaves no key in the output of %s', async (_label, parameters) => {
			sandbox.current.addFault({ echoHeaders: true, times: 0 });
			const output = await runBenchwork(sandbox.current, parameters);
			expect(output.length).toBeGreaterThan(0);
			// The hostile answer did reach the node: its echo is there, with the token redacted
			// (Trigger alone outputs only the run's IDs; Simplify off keeps the whole answer).
			if (parameters.operation !== 'trigger' || 'waitForCompletion' in parameters)
				expect(exposed(output)).toContain('[redacted]');
			expectClean(output);
		});

		it('leaves no key in the output of Execution → Get', async () => {
			const [started] = await runBenchwork(sandbox.current, {
				resource: 'workflow',
				operation: 'trigger',
				workflowId: byId('wf_orders_sync'),
				payload: '{}',
			});
			sandbox.current.addFault({ echoHeaders: true, times: 0 });
			const output = await runBenchwork(sandbox.current, {
				resource: 'execution',
				operation: 'get',
				executionId: byId(String(started.json.executionId)),
				simplify: false,
			});
			expect(exposed(output)).toContain('[redacted]');
			expectClean(output);
		});

		it('leaves no key in the list search results', async () => {
			sandbox.current.addFault({ echoHeaders: true, times: 0 });
			const workflows = await runListSearch(
				new Benchwork(),
				'searchWorkflows',
				credentialsFor(sandbox.current),
			);
			const executions = await runListSearch(
				new Benchwork(),
				'searchExecutions',
				credentialsFor(sandbox.current),
			);
			expect(workflows.results.length).toBeGreaterThan(0);
			expectClean([workflows, executions]);
		});
	});

	// The one successful output not read from an answer: Trigger echoes the Workflow ID as the
	// user typed or mapped it. Benchwork knows a workflow by that ID, so the run really starts.
	it.each([
		['the API key', key],
		['another Benchwork key', 'bw_test_someone_elses_key'],
	])('leaves no key in Trigger output whose Workflow ID is %s', async (_label, workflowId) => {
		sandbox.current.setWorkflow(workflowId, {});
		const output = await runBenchwork(sandbox.current, startWorkflow(workflowId));
		expect(output[0].json).toEqual({ executionId: expect.any(String), workflowId: '[redacted]' });
		expect(sandbox.current.stats().executionsStarted[workflowId]).toBe(1);
		expectClean(output);
		expect(exposed(output)).not.toContain(workflowId);
	});

	describe.each(LEAK_FORMS)('a failed run whose error message repeats the key (%s)', (form) => {
		it('fails the node with a clean message and description, execution included', async () => {
			sandbox.current.addFault({ method: 'GET', path: '/executions', leakKey: form, times: 0 });
			const error = await runError(runBenchwork(sandbox.current, failingTrigger));
			expect(error.message).toMatch(/card_declined/);
			expect(error.message).toContain('[redacted]');
			expectClean(error);
		});

		it('passes on a clean item under Continue On Fail: error, description and execution', async () => {
			sandbox.current.addFault({ method: 'GET', path: '/executions', leakKey: form, times: 0 });
			const [item] = await runBenchwork(sandbox.current, failingTrigger, {
				continueOnFail: true,
			});
			const execution = item.json.execution as { error: { message: string } };
			expect(execution.error.message).toMatch(/card_declined.*\[redacted\]/);
			expect(item.json.error).toBeTruthy();
			expect(item.json.description).toBeTruthy();
			expectClean(item);

			const [read] = await runBenchwork(sandbox.current, {
				resource: 'execution',
				operation: 'get',
				executionId: byId(String(item.json.executionId)),
				simplify: false,
			});
			expect((read.json.error as { message: string }).message).toContain('[redacted]');
			expectClean(read);
		});

		it('passes on a clean simplified item under Continue On Fail', async () => {
			sandbox.current.addFault({ method: 'GET', path: '/executions', leakKey: form, times: 0 });
			const [item] = await runBenchwork(
				sandbox.current,
				{ ...failingTrigger, simplify: true },
				{ continueOnFail: true },
			);
			expect(String((item.json.execution as { error: unknown }).error)).toContain('[redacted]');
			expectClean(item);
		});

		it('leaves no cut marker when the error text limit falls inside the redacted key', async () => {
			// 280 characters, then " (rejected token [redacted])": the marker spans the 300-character cut.
			sandbox.current.setWorkflow('wf_flaky_payments', {
				failure: { step: 'Charge card', message: `${'card declined '.repeat(20)}`.slice(0, 280) },
			});
			sandbox.current.addFault({ method: 'GET', path: '/executions', leakKey: form, times: 0 });
			const error = await runError(runBenchwork(sandbox.current, failingTrigger));
			// The cut fell inside the marker: the marker went, no part of it stayed.
			expect(error.message).toMatch(/card declined +\(rejected token…/);
			expectClean(error);
		});

		it.each([400, 404, 500])(
			'gives a clean message for a %s error answer with the key',
			async (status) => {
				const leaked =
					form === 'case'
						? key.toUpperCase()
						: form === 'split'
							? `${key.slice(0, 8)}\u200b${key.slice(8)}`
							: key;
				sandbox.current.addFault({
					method: 'GET',
					path: '/workflows',
					status,
					body: { error: { code: 'x', message: `refused token ${leaked} for this request` } },
					times: 0,
				});
				const parameters = {
					resource: 'workflow',
					operation: 'get',
					workflowId: byId('wf_orders_sync'),
				};
				const error = await runError(runBenchwork(sandbox.current, parameters));
				// A 404 is explained by the node itself; the others quote Benchwork's message.
				if (status !== 404) expect(error.message).toContain('[redacted]');
				expectClean(error);
				const items = await runBenchwork(sandbox.current, parameters, { continueOnFail: true });
				expectClean(items);
			},
		);
	});

	it('gives a clean message for a real 404 answer whose message repeats the key', async () => {
		sandbox.current.addFault({ method: 'GET', path: '/workflows/', leakKey: 'split', times: 0 });
		const error = await runError(
			runBenchwork(sandbox.current, {
				resource: 'workflow',
				operation: 'get',
				workflowId: byId('wf_nope'),
			}),
		);
		expect(error.message).toMatch(/no workflow "wf_nope"/);
		expectClean(error);
	});
});
