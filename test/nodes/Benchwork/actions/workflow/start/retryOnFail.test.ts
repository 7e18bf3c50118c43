import { newExecutionId } from '../../../../../helpers/n8nHarness';
import {
	byId,
	items,
	runBenchwork,
	runError,
	startWorkflow,
	useSandbox,
} from '../../../../../helpers/sandbox';

/*
 * n8n's Retry On Fail calls the node's execute() again with the same input, the same execution
 * ID and the same run index (WorkflowExecute.runNode in a loop of up to 5 tries). Here each try
 * is a run of the node with the same execution ID.
 */
const sandbox = useSandbox({ executionDelayMs: 50 });

const WORKFLOWS = [
	'wf_orders_sync',
	'wf_customer_export',
	'wf_inventory_eu',
	'wf_abandoned_cart',
	'wf_inventory_us',
];
const batch = items(5, (n) => ({ workflowId: WORKFLOWS[n], n }));
const triggerEach = startWorkflow('={{ $json.workflowId }}', {
	payload: '={{ JSON.stringify({ n: $json.n }) }}',
});
/** The middle item's start request. */
const MIDDLE = '/workflows/wf_inventory_eu/trigger';

function tries(parameters: Record<string, unknown>, options: Record<string, unknown> = {}) {
	const executionId = newExecutionId();
	return () => runBenchwork(sandbox.current, parameters, { items: batch, executionId, ...options });
}

const attempts = () => sandbox.current.stats().triggerAttempts as Record<string, number>;
const started = () => sandbox.current.stats().executionsStarted as Record<string, number>;
const total = (counts: Record<string, number>) =>
	Object.values(counts).reduce((sum, n) => sum + n, 0);

describe('Retry On Fail never starts a run twice', () => {
	it('a 500 after the middle item’s run was created: the retried node run sends nothing again and fails the same way', async () => {
		sandbox.current.addFault({
			method: 'POST',
			path: MIDDLE,
			status: 500,
			afterHandling: true,
			times: 0,
		});
		const run = tries(triggerEach);
		const first = await runError(run());
		expect(first.message).toMatch(/^Benchwork had a server error \(500\).* \[item 2\]$/);
		expect(first.description).toMatch(/not sent again/);
		expect(attempts()).toEqual({ wf_orders_sync: 1, wf_customer_export: 1, wf_inventory_eu: 1 });

		for (let retry = 0; retry < 4; retry++) {
			const again = await runError(run());
			expect(again.message).toBe(first.message);
			expect(again.description).toMatch(/Retry On Fail.*not sent again/);
		}
		expect(attempts()).toEqual({ wf_orders_sync: 1, wf_customer_export: 1, wf_inventory_eu: 1 });
		expect(started()).toEqual({ wf_orders_sync: 1, wf_customer_export: 1, wf_inventory_eu: 1 });
	});

	it('under Continue On Fail (n8n retries when the first item is an error), every item keeps its first result', async () => {
		sandbox.current.addFault({
			method: 'POST',
			path: '/workflows/wf_orders_sync/trigger',
			status: 502,
			afterHandling: true,
			times: 0,
		});
		const run = tries(triggerEach, { continueOnFail: true });
		const first = await run();
		expect(first[0].json.error).toMatch(/\(502\)/);
		expect(first.slice(1).every((item) => typeof item.json.executionId === 'string')).toBe(true);
		const second = await run();
		expect(second.map((item) => item.json)).toEqual(
			first.map((item) => ({
				...item.json,
				...(item.json.description ? { description: expect.stringMatching(/Retry On Fail/) } : {}),
			})),
		);
		expect(total(attempts())).toBe(5);
		expect(total(started())).toBe(5);
	});

	it('a trigger Benchwork refused before doing anything (400) is sent again, the others are not', async () => {
		sandbox.current.addFault({ method: 'POST', path: MIDDLE, status: 400, times: 1 });
		const run = tries(triggerEach);
		expect((await runError(run())).message).toMatch(/\(400\).*\[item 2\]$/);
		const output = await run();
		expect(output.map((item) => item.json.workflowId)).toEqual(WORKFLOWS);
		expect(attempts()).toEqual({
			wf_orders_sync: 1,
			wf_customer_export: 1,
			wf_inventory_eu: 2,
			wf_abandoned_cart: 1,
			wf_inventory_us: 1,
		});
		expect(total(started())).toBe(5);
	});

	it.each([
		['the connection dropped after the run was created', { drop: true, afterHandling: true }],
		['a 2xx answer that names no run', { status: 201, body: { accepted: true } }],
	])('%s: the trigger is not sent again on a retry', async (_label, fault) => {
		sandbox.current.addFault({ method: 'POST', path: MIDDLE, times: 0, ...fault });
		const run = tries(triggerEach);
		const first = await runError(run());
		const again = await runError(run());
		expect(again.message).toBe(first.message);
		expect(attempts().wf_inventory_eu).toBe(1);
		expect(total(attempts())).toBe(3);
	});

	it('an item whose run started but failed while waiting is not started again: the retry waits on the same run', async () => {
		const run = tries(
			{
				...triggerEach,
				workflowId: byId('wf_flaky_payments'),
				waitForCompletion: true,
				pollInterval: 0.5,
				timeout: 10,
			},
			{ items: items(1) },
		);
		const first = await runError(run());
		expect(first.message).toMatch(
			/^Benchwork run (\S+) of workflow wf_flaky_payments failed: .*card_declined \[item 0\]$/,
		);
		const again = await runError(run());
		expect(again.message).toBe(first.message);
		expect(attempts()).toEqual({ wf_flaky_payments: 1 });
	});

	it('a new execution, or another run of the node in the same execution (a loop), starts its runs again', async () => {
		const executionId = newExecutionId();
		await runBenchwork(sandbox.current, triggerEach, { items: batch, executionId });
		await runBenchwork(sandbox.current, triggerEach, { items: batch, executionId, runIndex: 1 });
		await runBenchwork(sandbox.current, triggerEach, { items: batch });
		expect(total(started())).toBe(15);
	});

	it('a node run that ended without an error is forgotten', async () => {
		const run = tries(triggerEach);
		await run();
		await run();
		expect(total(started())).toBe(10);
	});

	it('a node run that waited for a successful run is forgotten, though the execution it outputs has an error field (null)', async () => {
		const run = tries(
			{
				...triggerEach,
				workflowId: byId('wf_orders_sync'),
				waitForCompletion: true,
				pollInterval: 0.5,
				simplify: false,
			},
			{ items: items(1) },
		);
		const [first] = await run();
		expect(first.json).toMatchObject({ status: 'success', error: null });
		await run();
		expect(started()).toEqual({ wf_orders_sync: 2 });
	});

	it('a trigger that never connected says nothing reached Benchwork (and is not held back on a retry)', async () => {
		const executionId = newExecutionId();
		const down = { apiKey: 'bw_live_sandbox_enterprise', baseUrl: 'http://127.0.0.1:9/api/v1' };
		const options = { items: items(1), executionId, credentials: down };
		const parameters = { ...triggerEach, workflowId: byId('wf_orders_sync'), payload: '' };
		const first = await runError(runBenchwork(sandbox.current, parameters, options));
		expect(first.message).toMatch(/connection was refused/);
		expect(first.description).toMatch(/nothing reached Benchwork/);
		expect(first.description).not.toMatch(/may have reached/);
		const again = await runError(runBenchwork(sandbox.current, parameters, options));
		expect(again.description).not.toMatch(/Retry On Fail/);
	});
});
