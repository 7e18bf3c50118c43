import { byId, runBenchwork, runError, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();

describe('Benchwork → Execution → Get', () => {
	it('with Simplify off, outputs the execution with its full node results', async () => {
		const [first] = await runBenchwork(sandbox.current, {
			resource: 'execution',
			operation: 'getAll',
			limit: 1,
			filters: {},
		});
		const id = first.json.id as string;
		const output = await runBenchwork(sandbox.current, {
			resource: 'execution',
			operation: 'get',
			executionId: byId(id),
			simplify: false,
		});
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual(expect.objectContaining({ id, nodeResults: expect.any(Array) }));
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	it('names the execution that does not exist', async () => {
		const error = await runError(
			runBenchwork(sandbox.current, {
				resource: 'execution',
				operation: 'get',
				executionId: byId('exe_nope'),
			}),
		);
		expect(error.message).toBe('Benchwork has no execution "exe_nope" (404) [item 0]');
	});

	it('rejects an empty execution ID before any request, saying how to fix it', async () => {
		const error = await runError(
			runBenchwork(sandbox.current, {
				resource: 'execution',
				operation: 'get',
				executionId: byId(' '),
			}),
		);
		expect(error.message).toBe('Execution: is empty [item 0]');
		expect(error.description).toMatch(/Pick an execution from the list/);
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});
});
