import {
	byId,
	callSandbox,
	items,
	runBenchwork,
	runError,
	useSandbox,
} from '../../../helpers/sandbox';

const sandbox = useSandbox();

const getByItem = {
	resource: 'workflow',
	operation: 'get',
	workflowId: { __rl: true, mode: 'id', value: '={{ $json.workflowId }}' },
};
const mixed = items(4, (n) => ({
	workflowId: ['wf_orders_sync', '', 'wf_missing', 'wf_newsletter'][n],
}));

describe('router: items, pairing and Continue On Fail', () => {
	it('with Continue On Fail, fails only the bad items and keeps every item paired', async () => {
		const output = await runBenchwork(sandbox.current, getByItem, {
			items: mixed,
			continueOnFail: true,
		});
		expect(output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(output[0].json.id).toBe('wf_orders_sync');
		expect(output[1].json).toEqual({
			error: 'Workflow: is empty [item 1]',
			description: expect.stringMatching(/Pick a workflow from the list/),
		});
		expect(output[2].json.error).toBe('Benchwork has no workflow "wf_missing" (404) [item 2]');
		expect(output[3].json.id).toBe('wf_newsletter');
	});

	it('without Continue On Fail, bad input in a later item stops the run before any request', async () => {
		const error = await runError(runBenchwork(sandbox.current, getByItem, { items: mixed }));
		expect(error.message).toBe('Workflow: is empty [item 1]');
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});

	it('with Continue On Fail, a bad item does not keep the others from being triggered, each once', async () => {
		const output = await runBenchwork(
			sandbox.current,
			{
				resource: 'workflow',
				operation: 'trigger',
				workflowId: byId('wf_orders_sync'),
				payload: '={{ $json.payload }}',
				options: {},
			},
			{
				items: items(3, (n) => ({ payload: ['{"a":1}', '[]', '{"c":3}'][n] })),
				continueOnFail: true,
			},
		);
		expect(output[0].json.executionId).toBeTruthy();
		expect(output[1].json.error).toBe('Payload: must be a JSON object, got a list [item 1]');
		expect(output[2].json.executionId).toBeTruthy();
		expect(sandbox.current.stats().executionsStarted.wf_orders_sync).toBe(2);
	});

	it('when a trigger fails the node part-way, names the runs the earlier items already started', async () => {
		sandbox.current.addFault({
			method: 'POST',
			path: '/workflows/wf_inventory_eu/trigger',
			status: 500,
			afterHandling: true,
		});
		const error = await runError(
			runBenchwork(
				sandbox.current,
				{
					resource: 'workflow',
					operation: 'trigger',
					workflowId: { __rl: true, mode: 'id', value: '={{ $json.workflowId }}' },
					payload: '',
					options: {},
				},
				{
					items: items(3, (n) => ({
						workflowId: ['wf_orders_sync', 'wf_inventory_eu', 'wf_orders_sync'][n],
					})),
				},
			),
		);
		expect(error.message).toMatch(/^Benchwork had a server error \(500\).* \[item 1\]$/);
		const { body } = await callSandbox<{ executions: Array<{ id: string }> }>(
			sandbox.current,
			'/executions?workflowId=wf_orders_sync&limit=1',
		);
		const [started] = body.executions;
		expect(error.description).toContain(
			`The 1 item(s) before this one already started Benchwork runs (${started.id}); executing the workflow again starts them again (n8n's Retry On Fail does not).`,
		);
		// The item after the failure was not started.
		expect(sandbox.current.stats().executionsStarted.wf_orders_sync).toBe(1);
	});

	it('outputs one item per object for list operations, paired with the item that asked', async () => {
		const output = await runBenchwork(
			sandbox.current,
			{ resource: 'workflow', operation: 'getAll', limit: '={{ $json.limit }}', filters: {} },
			{ items: items(2, (n) => ({ limit: n + 1 })) },
		);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
	});
});

describe('router: the requests of read-only items overlap, their results keep the input order', () => {
	const SLOW_MS = 2000;
	const byItem = (ids: string[]) => items(ids.length, (n) => ({ workflowId: ids[n] }));

	it('keeps the input order and pairing when a later item is answered first', async () => {
		sandbox.current.addFault({ method: 'GET', path: '/workflows/wf_newsletter', delayMs: SLOW_MS });
		const ids = ['wf_orders_sync', 'wf_newsletter', 'wf_inventory_eu', 'wf_orders_sync'];
		const output = await runBenchwork(sandbox.current, getByItem, { items: byItem(ids) });
		expect(output.map((item) => item.json.id)).toEqual(ids);
		expect(output.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		// The items after the slow one were asked while it was still on its way (else this proves
		// nothing). The first item goes alone; the others' requests may arrive in any order.
		const requests = sandbox.current.stats().requests;
		const slow = requests.find((request) => request.path.endsWith('/wf_newsletter'))!;
		expect(requests).toHaveLength(4);
		expect(requests.every((request) => request.at < slow.at + SLOW_MS)).toBe(true);
	});

	it('without Continue On Fail, fails with the first failing item, not the first to fail', async () => {
		sandbox.current.addFault({
			method: 'GET',
			path: '/workflows/wf_gone',
			status: 404,
			body: { error: { code: 'not_found', message: 'Workflow not found' } },
			delayMs: SLOW_MS,
		});
		const error = await runError(
			runBenchwork(sandbox.current, getByItem, {
				items: byItem(['wf_orders_sync', 'wf_gone', 'wf_missing']),
			}),
		);
		expect(error.message).toBe('Benchwork has no workflow "wf_gone" (404) [item 1]');
	});
});
