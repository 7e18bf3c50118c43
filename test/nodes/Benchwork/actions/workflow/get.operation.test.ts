import { byId, lastRequest, runBenchwork, runError, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();

const get = (workflowId: unknown) => ({ resource: 'workflow', operation: 'get', workflowId });

describe('Benchwork → Workflow → Get', () => {
	it('outputs the workflow as Benchwork returns it', async () => {
		const output = await runBenchwork(sandbox.current, get(byId('wf_orders_sync')));
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual(
			expect.objectContaining({ id: 'wf_orders_sync', status: 'active', storeId: 'store_eu' }),
		);
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	it('accepts a workflow picked from the list', async () => {
		const output = await runBenchwork(
			sandbox.current,
			get({ __rl: true, mode: 'list', value: 'wf_newsletter' }),
		);
		expect(output[0].json.id).toBe('wf_newsletter');
	});

	it('trims spaces around a pasted ID', async () => {
		const output = await runBenchwork(sandbox.current, get(byId('  wf_orders_sync ')));
		expect(output[0].json.id).toBe('wf_orders_sync');
	});

	it('names the workflow that does not exist', async () => {
		const error = await runError(runBenchwork(sandbox.current, get(byId('wf_missing'))));
		expect(error.message).toBe('Benchwork has no workflow "wf_missing" (404) [item 0]');
		expect(error.description).toMatch(/Check the ID/);
	});

	it.each([
		['an empty ID', '', /^Workflow: is empty \[item 0\]$/],
		['only spaces', '   ', /^Workflow: is empty \[item 0\]$/],
		['a dot segment', '..', /^Workflow: "\.\." is not a valid ID \[item 0\]$/],
	])('rejects %s before any request', async (_label, id, message) => {
		const error = await runError(runBenchwork(sandbox.current, get(byId(id))));
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(/Pick a workflow from the list/);
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});

	it.each(['../webhooks', 'a/b?c=1', 'wf_orders_sync#x', '%2e%2e'])(
		'keeps the ID %p inside one path segment (it cannot reach another endpoint)',
		async (id) => {
			const error = await runError(runBenchwork(sandbox.current, get(byId(id))));
			expect(error.message).toContain('(404)');
			const request = lastRequest(sandbox.current);
			expect(request.path.startsWith('/api/v1/workflows/')).toBe(true);
			expect(request.path).toContain(encodeURIComponent(id));
		},
	);
});
