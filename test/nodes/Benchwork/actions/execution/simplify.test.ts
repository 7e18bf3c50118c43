/**
 * Simplify (on by default): Execution → Get, Execution → Get Many and Workflow → Trigger with
 * Wait for Completion answer with what an agent needs instead of every step result; off, the
 * full execution.
 */
import { byId, items, runBenchwork, startAndWait, useSandbox } from '../../../../helpers/sandbox';
import { SIMPLIFIED_FAILED_KEYS, SIMPLIFIED_KEYS } from '../../../../helpers/simplifiedExecution';

const sandbox = useSandbox({ executionDelayMs: 150 });

const getExecution = (id: string, extra: Record<string, unknown> = {}) =>
	runBenchwork(sandbox.current, {
		resource: 'execution',
		operation: 'get',
		executionId: byId(id),
		...extra,
	});

/** Trigger + Wait with a Payload the full execution shows. */
const triggerAndWait = (workflowId: string, extra: Record<string, unknown> = {}) =>
	startAndWait(workflowId, { payload: '{"order": 1042}', ...extra });

describe('Simplify', () => {
	it('Get, by default: a successful run as id, workflow, status and times only', async () => {
		const made = sandbox.current.createExecution({
			workflowId: 'wf_orders_sync',
			startedAt: '2025-01-31T12:00:00.000Z',
			finishedAt: '2025-01-31T12:00:04.250Z',
			payload: { order: 1042 },
		});
		const [item] = await getExecution(made.id);
		expect(item.json).toEqual({
			id: made.id,
			workflowId: 'wf_orders_sync',
			workflowName: 'Orders sync',
			status: 'success',
			startedAt: '2025-01-31T12:00:00.000Z',
			finishedAt: '2025-01-31T12:00:04.250Z',
			durationMs: 4250,
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('Get: a failed run also names the failing step and its message', async () => {
		const made = sandbox.current.createExecution({
			workflowId: 'wf_flaky_payments',
			status: 'failed',
		});
		const [item] = await getExecution(made.id, { simplify: true });
		expect(item.json).toEqual(
			expect.objectContaining({
				id: made.id,
				status: 'failed',
				failedStep: 'Charge card',
				error: 'Step "Charge card" failed: card_declined',
			}),
		);
		expect(Object.keys(item.json).sort()).toEqual(SIMPLIFIED_FAILED_KEYS);
	});

	it('Get: without a step in the error, the failing step is the first step result marked failed', async () => {
		sandbox.current.addFault({
			method: 'GET',
			path: '/executions/exe_odd',
			status: 200,
			body: {
				id: 'exe_odd',
				workflowId: 'wf_x',
				status: 'failed',
				startedAt: '2025-01-31T12:00:00.000Z',
				finishedAt: '2025-01-31T12:00:01.000Z',
				error: 'Out of credit',
				nodeResults: [
					{ step: 'Load', status: 'success', output: { rows: 3 } },
					{ step: 'Charge', status: 'failed', output: { error: 'Out of credit' } },
					{ step: 'Notify', status: 'failed', output: null },
				],
			},
		});
		const [item] = await getExecution('exe_odd');
		expect(item.json).toEqual({
			id: 'exe_odd',
			workflowId: 'wf_x',
			workflowName: null,
			status: 'failed',
			startedAt: '2025-01-31T12:00:00.000Z',
			finishedAt: '2025-01-31T12:00:01.000Z',
			durationMs: null,
			failedStep: 'Charge',
			error: 'Out of credit',
		});
	});

	it('Get with Simplify off: the full execution, step results and payload included', async () => {
		const made = sandbox.current.createExecution({
			workflowId: 'wf_orders_sync',
			payload: { order: 1042 },
		});
		const [item] = await getExecution(made.id, { simplify: false });
		expect(item.json).toEqual(made);
		expect(item.json.nodeResults).toHaveLength(3);
	});

	it('Get Many, by default: every run simplified, failed ones with their step and message', async () => {
		const output = await runBenchwork(sandbox.current, {
			resource: 'execution',
			operation: 'getAll',
			limit: 5,
			filters: { status: 'failed' },
		});
		expect(output.length).toBeGreaterThan(0);
		for (const item of output) {
			expect(Object.keys(item.json).sort()).toEqual(SIMPLIFIED_FAILED_KEYS);
			expect(item.json.error).toEqual(expect.any(String));
		}
	});

	it('Get Many with Simplify off: the executions as Benchwork listed them', async () => {
		const output = await runBenchwork(sandbox.current, {
			resource: 'execution',
			operation: 'getAll',
			limit: 5,
			filters: { status: 'success' },
			simplify: false,
		});
		expect(output.length).toBeGreaterThan(0);
		for (const item of output) expect(item.json).toHaveProperty('trigger');
	});

	it('Trigger + Wait, by default: the finished run simplified', async () => {
		const [item] = await runBenchwork(sandbox.current, triggerAndWait('wf_orders_sync'));
		expect(Object.keys(item.json).sort()).toEqual(SIMPLIFIED_KEYS);
		expect(item.json).toEqual(
			expect.objectContaining({ workflowId: 'wf_orders_sync', status: 'success' }),
		);
		expect(item.json.durationMs).toEqual(expect.any(Number));
	});

	it('Trigger + Wait with Simplify off: the finished run in full', async () => {
		const [item] = await runBenchwork(
			sandbox.current,
			triggerAndWait('wf_orders_sync', { simplify: false }),
		);
		expect(item.json).toEqual(
			expect.objectContaining({ status: 'success', payload: { order: 1042 } }),
		);
		expect(item.json.nodeResults).toHaveLength(3);
	});

	it('Trigger + Wait under Continue On Fail: a failed run’s execution is simplified too, unless Simplify is off', async () => {
		const parameters = triggerAndWait('wf_flaky_payments', {
			simplify: '={{ $json.simplify }}',
		});
		const output = await runBenchwork(sandbox.current, parameters, {
			items: items(2, (index) => ({ simplify: index === 0 })),
			continueOnFail: true,
		});
		expect(output[0].json.execution).toEqual(
			expect.objectContaining({
				status: 'failed',
				failedStep: 'Charge card',
				error: 'Step "Charge card" failed: card_declined',
			}),
		);
		expect(Object.keys(output[0].json.execution as object).sort()).toEqual(SIMPLIFIED_FAILED_KEYS);
		expect(output[0].json.executionId).toEqual(expect.stringMatching(/^exe_/));
		expect(output[1].json.execution).toEqual(
			expect.objectContaining({ status: 'failed', nodeResults: expect.any(Array) }),
		);
	});
});
