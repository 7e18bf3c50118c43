import { lastRequest, runBenchwork, runError, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();

const getAll = (extra: Record<string, unknown> = {}) => ({
	resource: 'workflow',
	operation: 'getAll',
	limit: 50,
	filters: {},
	...extra,
});

describe('Benchwork → Workflow → Get Many', () => {
	it('outputs one item per workflow, each paired with its input item', async () => {
		const output = await runBenchwork(sandbox.current, getAll());
		expect(output.length).toBeGreaterThanOrEqual(10);
		for (const item of output) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toEqual(
				expect.objectContaining({
					id: expect.any(String),
					name: expect.any(String),
					status: expect.any(String),
					storeId: expect.any(String),
				}),
			);
		}
	});

	it('sends the limit and returns no more than it', async () => {
		const output = await runBenchwork(sandbox.current, getAll({ limit: 3 }));
		expect(output).toHaveLength(3);
		const request = lastRequest(sandbox.current);
		expect(request.url).toContain('limit=3');
	});

	it('filters by status', async () => {
		const output = await runBenchwork(sandbox.current, getAll({ filters: { status: 'paused' } }));
		expect(output.length).toBeGreaterThan(0);
		expect(output.every((item) => item.json.status === 'paused')).toBe(true);
	});

	it('filters by store', async () => {
		const output = await runBenchwork(
			sandbox.current,
			getAll({ filters: { storeId: 'store_us' } }),
		);
		expect(output.length).toBeGreaterThan(0);
		expect(output.every((item) => item.json.storeId === 'store_us')).toBe(true);
	});

	it('combines status and store filters', async () => {
		const output = await runBenchwork(
			sandbox.current,
			getAll({ filters: { storeId: 'store_eu', status: 'active' } }),
		);
		expect(output.length).toBeGreaterThan(0);
		expect(
			output.every((item) => item.json.storeId === 'store_eu' && item.json.status === 'active'),
		).toBe(true);
	});

	it('outputs nothing (and no error) when no workflow matches', async () => {
		const output = await runBenchwork(
			sandbox.current,
			getAll({ filters: { storeId: 'store_nowhere' } }),
		);
		expect(output).toEqual([]);
	});

	it.each([0, 101, 2.5, 'ten'])('rejects limit %p before sending any request', async (limit) => {
		const error = await runError(runBenchwork(sandbox.current, getAll({ limit })));
		expect(error.message).toMatch(/^Limit: .* is not a whole number from 1 to 100 \[item 0\]$/);
		expect(error.description).toMatch(/between 1 and 100/);
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});

	it('rejects a status filter Benchwork does not know (set by expression) before any request', async () => {
		const error = await runError(
			runBenchwork(sandbox.current, getAll({ filters: { status: 'archived' } })),
		);
		expect(error.message).toBe(
			'Filters → Status: "archived" is not one of active, paused, draft [item 0]',
		);
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});
});
