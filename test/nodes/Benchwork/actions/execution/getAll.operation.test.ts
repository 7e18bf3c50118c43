import { runBenchwork, runError, startWorkflow, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();

const getAll = (extra: Record<string, unknown> = {}) => ({
	resource: 'execution',
	operation: 'getAll',
	limit: 50,
	filters: {},
	...extra,
});

describe('Benchwork → Execution → Get Many', () => {
	it('outputs one item per execution with the contract’s fields', async () => {
		const output = await runBenchwork(sandbox.current, getAll({ limit: 10 }));
		expect(output).toHaveLength(10);
		for (const item of output) {
			expect(item.json).toEqual(
				expect.objectContaining({
					id: expect.any(String),
					workflowId: expect.any(String),
					status: expect.stringMatching(/^(running|success|failed)$/),
					startedAt: expect.any(String),
				}),
			);
			expect(item.json).toHaveProperty('finishedAt');
			expect(item.pairedItem).toEqual({ item: 0 });
		}
	});

	it.each(['success', 'failed'])('filters by status %s', async (status) => {
		const output = await runBenchwork(sandbox.current, getAll({ filters: { status } }));
		expect(output.length).toBeGreaterThan(0);
		expect(output.every((item) => item.json.status === status)).toBe(true);
	});

	it('filters by workflow', async () => {
		const output = await runBenchwork(
			sandbox.current,
			getAll({ filters: { workflowId: 'wf_flaky_payments' } }),
		);
		expect(output.length).toBeGreaterThan(0);
		expect(output.every((item) => item.json.workflowId === 'wf_flaky_payments')).toBe(true);
	});

	it('shows a run that is still going as running, with no finish time', async () => {
		await runBenchwork(sandbox.current, startWorkflow('wf_long_report'));
		const output = await runBenchwork(
			sandbox.current,
			getAll({ filters: { status: 'running', workflowId: 'wf_long_report' } }),
		);
		expect(output).toHaveLength(1);
		expect(output[0].json.finishedAt).toBeNull();
	});

	it('rejects an unknown status before any request', async () => {
		const error = await runError(
			runBenchwork(sandbox.current, getAll({ filters: { status: 'done' } })),
		);
		expect(error.message).toBe(
			'Filters → Status: "done" is not one of running, success, failed [item 0]',
		);
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});

	it('rejects a limit over 100 before any request', async () => {
		const error = await runError(runBenchwork(sandbox.current, getAll({ limit: 500 })));
		expect(error.message).toBe('Limit: 500 is not a whole number from 1 to 100 [item 0]');
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});
});
