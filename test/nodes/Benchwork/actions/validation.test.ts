import {
	items,
	runBenchwork,
	runError,
	startAndWait,
	startWorkflow,
	useSandbox,
} from '../../../helpers/sandbox';

const sandbox = useSandbox({ executionDelayMs: 50 });

const triggerEach = startWorkflow('={{ $json.workflowId }}');

describe('input check: IDs and filters that cannot be sent are refused before any item starts', () => {
	it.each([
		['a lone high surrogate', 'wf_\ud800x'],
		['a lone low surrogate', '\udc00wf'],
		['a high surrogate at the end', 'wf_orders_sync\udbff'],
	])('a workflow ID with %s in a later item: nothing is triggered', async (_label, badId) => {
		const error = await runError(
			runBenchwork(sandbox.current, triggerEach, {
				items: items(2, (n) => ({ workflowId: ['wf_orders_sync', badId][n] })),
			}),
		);
		expect(error.message).toMatch(/^Workflow: ".*" is not a valid ID \[item 1\]$/);
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});

	it('a whole surrogate pair (an emoji) is a valid ID and is sent', async () => {
		const error = await runError(
			runBenchwork(sandbox.current, triggerEach, {
				items: items(1, () => ({ workflowId: 'wf_😀' })),
			}),
		);
		expect(error.message).toBe('Benchwork has no workflow "wf_😀" (404) [item 0]');
	});

	it.each([
		['execution', 'workflowId', 'Workflow ID'],
		['workflow', 'storeId', 'Store ID'],
	])(
		'a %s list filter (%s) with a lone surrogate is refused before any request',
		async (resource, key, label) => {
			const error = await runError(
				runBenchwork(sandbox.current, {
					resource,
					operation: 'getAll',
					limit: 5,
					filters: { [key]: 'x\ud83dy' },
				}),
			);
			expect(error.message).toBe(`Filters → ${label}: "x\ud83dy" is not a valid ID [item 0]`);
			expect(sandbox.current.stats().requests).toHaveLength(0);
		},
	);
});

describe('input check: Wait for Completion from an expression', () => {
	const trigger = (waitForCompletion: unknown) =>
		startAndWait('wf_orders_sync', { waitForCompletion });

	it.each([[true], ['={{ "true" }}'], ['={{ " TRUE " }}'], ['={{ 1 === 1 }}']])(
		'%j waits and outputs the finished run',
		async (value) => {
			const [item] = await runBenchwork(sandbox.current, trigger(value));
			expect(item.json.status).toBe('success');
			expect(item.json.finishedAt).toEqual(expect.any(String));
		},
	);

	it.each([[false], ['={{ "false" }}'], ['={{ "" }}']])(
		'%j starts the run without waiting',
		async (value) => {
			const [item] = await runBenchwork(sandbox.current, trigger(value));
			expect(Object.keys(item.json).sort()).toEqual(['executionId', 'workflowId']);
		},
	);

	it.each([['yes'], ['1'], ['={{ 1 }}'], ['={{ {} }}']])(
		'%j is refused before anything is started',
		async (value) => {
			const error = await runError(runBenchwork(sandbox.current, trigger(value)));
			expect(error.message).toMatch(/^Wait for Completion: .* is not true or false \[item 0\]$/);
			expect(sandbox.current.stats().requests).toHaveLength(0);
		},
	);
});
