import {
	byId,
	items,
	runBenchwork,
	spendWindow,
	startAndWait,
	startWorkflow,
	useSandbox,
} from '../../../helpers/sandbox';

// Short windows so a batch crosses several of them quickly (the reset sent in ms): 20 calls per
// 0.5 s leave 25 ms a call, more than a trigger takes even on a busy machine, so windows fill.
const sandbox = useSandbox({
	rateLimit: { limit: 20, windowMs: 500, fractionalSeconds: true },
	executionDelayMs: 50,
});

describe('transport: rate limit', () => {
	it('gets a batch of 70 triggers through several windows without an error or a duplicate start', async () => {
		const output = await runBenchwork(
			sandbox.current,
			startWorkflow('wf_orders_sync', { payload: '={{ JSON.stringify({ n: $json.n }) }}' }),
			{ items: items(70, (n) => ({ n })) },
		);
		expect(output).toHaveLength(70);
		expect(output.filter((item) => item.json.error)).toEqual([]);
		expect(output.map((item) => item.pairedItem)).toEqual(items(70).map((_, item) => ({ item })));
		expect(new Set(output.map((item) => item.json.executionId)).size).toBe(70);
		const stats = sandbox.current.stats();
		expect(stats.executionsStarted.wf_orders_sync).toBe(70);
		expect(stats.triggerAttempts.wf_orders_sync).toBe(70);
		// It waited for each window to reset instead of collecting 429s.
		expect(stats.rateLimited).toBe(0);
	}, 30_000);

	it('retries after a 429 from a window spent by someone else (another workflow, same key)', async () => {
		// Spend the window outside the node, as a parallel n8n execution would.
		await spendWindow(sandbox.current);
		const output = await runBenchwork(
			sandbox.current,
			{ resource: 'workflow', operation: 'get', workflowId: byId('wf_orders_sync') },
			{ items: items(3) },
		);
		expect(output).toHaveLength(3);
		expect(output.every((item) => item.json.id === 'wf_orders_sync')).toBe(true);
	}, 15_000);

	it('keeps polling for completion within the rate limit instead of hitting 429', async () => {
		// 1 call per 0.8 s, while polling every 0.5 s wants more: a 1.1 s run (the trigger and 3 polls)
		// cannot fit in the windows it spans without waiting for one.
		sandbox.current.configure({ rateLimit: { limit: 1, windowMs: 800 } });
		sandbox.current.setWorkflow('wf_orders_sync', { durationMs: 1100 });
		const output = await runBenchwork(
			sandbox.current,
			startAndWait('wf_orders_sync', { timeout: 20 }),
			{ items: items(2) },
		);
		expect(output.map((item) => item.json.status)).toEqual(['success', 'success']);
		expect(sandbox.current.stats().executionsStarted.wf_orders_sync).toBe(2);
		expect(sandbox.current.stats().rateLimited).toBe(0);
	}, 30_000);
});
