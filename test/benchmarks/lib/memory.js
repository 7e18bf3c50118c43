'use strict';
// The Benchwork node's memory over many items: run in this process through n8n-core's real
// ExecuteContext (test/helpers/n8nContext.js, as the jest tests), heap sampled while it runs. Needs
// `node --expose-gc` and a build (dist/).
const { harness } = require('./inProcessNode');

/**
 * measureMemory({ baseUrl, apiKey, counts }) -> [{ items, retainedBytes, peakBytes, outputBytes }]
 * retained: heap after the run (output kept) minus before; peak: highest heap while running;
 * output: the output's JSON size, for scale. Flat per item = no cost beyond the output.
 */
async function measureMemory({ baseUrl, apiKey, counts = [2000, 10000] }) {
	if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
	const runBenchwork = harness();
	const parameters = {
		resource: 'workflow',
		operation: 'get',
		workflowId: { __rl: true, mode: 'id', value: 'wf_orders_sync' },
	};
	const credentials = { apiKey, baseUrl };
	await runBenchwork(
		parameters,
		Array.from({ length: 500 }, (_, n) => ({ json: { n } })),
		credentials,
	); // warm up: modules, JIT, sockets
	const results = [];
	for (const count of counts) {
		const items = Array.from({ length: count }, (_, n) => ({ json: { n } }));
		global.gc();
		const before = process.memoryUsage().heapUsed;
		let peak = before;
		const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
		const output = await runBenchwork(parameters, items, credentials);
		clearInterval(sampler);
		global.gc();
		const retained = process.memoryUsage().heapUsed - before;
		results.push({
			items: count,
			retainedBytes: retained,
			peakBytes: peak - before,
			outputBytes: JSON.stringify(output).length,
			outputItems: output.length,
		});
	}
	return results;
}

module.exports = { measureMemory };
