/**
 * Benchmark: 150 triggers against a 20-requests-per-2-s limit (the case n8n-facts.md measured for
 * the HTTP Request node, which failed or started duplicates). Prints elapsed time against the
 * floor the limit allows, 429s collected and remote starts. Figures only: timing is not a test.
 */
import { byId, items, runBenchwork, useSandbox } from '../helpers/sandbox';

const ITEMS = 150;
const LIMIT = 20;
const WINDOW_MS = 2000;

const sandbox = useSandbox({ rateLimit: { limit: LIMIT, windowMs: WINDOW_MS }, executionDelayMs: 50 });

it(`triggers ${ITEMS} items through a ${LIMIT}/${WINDOW_MS} ms rate limit`, async () => {
	const started = Date.now();
	const output = await runBenchwork(
		sandbox.current,
		{ resource: 'workflow', operation: 'trigger', workflowId: byId('wf_orders_sync'), payload: '', options: {} },
		{ items: items(ITEMS) },
	);
	const elapsedMs = Date.now() - started;
	const stats = sandbox.current.stats();
	// Windows are aligned to multiples of WINDOW_MS: the last call can go no earlier than the
	// start of the window that holds it, counted from the (partial) window the run began in.
	const floorMs = (Math.floor(started / WINDOW_MS) + Math.ceil(ITEMS / LIMIT) - 1) * WINDOW_MS - started;
	const errors = output.filter((item) => item.json.error).length;
	process.stdout.write(
		[
			`benchmark rate-limited batch: ${ITEMS} triggers, limit ${LIMIT} per ${WINDOW_MS} ms`,
			`  elapsed ${(elapsedMs / 1000).toFixed(2)} s, floor ${(floorMs / 1000).toFixed(2)} s, ratio ${(elapsedMs / floorMs).toFixed(2)}x`,
			`  errors ${errors}, 429s collected ${stats.rateLimited}, remote starts ${stats.executionsStarted.wf_orders_sync}, trigger requests ${stats.triggerAttempts.wf_orders_sync}`,
			'',
		].join('\n'),
	);
	expect(errors).toBe(0);
	expect(stats.executionsStarted.wf_orders_sync).toBe(ITEMS);
}, 120_000);
