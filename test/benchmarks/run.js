#!/usr/bin/env node
'use strict';
// npm run bench: the Benchwork node against the alternatives, side by side on this machine,
// inside real n8n 2.41.1 (the e2e install) against the sandbox. Prints one table and writes it
// as JSON under bench/results/. Timings are only printed; the exit code is 1 only when the
// Benchwork node got something wrong (failed items, duplicate or missing starts, a failed wait).
// Needs `npm run build` and `bash test/e2e/install.sh`. See BENCHMARKS.md.
const fs = require('fs');
const os = require('os');
const path = require('path');

const e2e = require('../e2e/lib');
const { KEYS } = require('../sandbox/server');
const {
	manualWorkflow,
	batchChain,
	waitChain,
	overheadChain,
	BATCH_WORKFLOW,
} = require('./lib/workflows');
const { installedLine, benchUserFolder, benchworkCredential } = require('./lib/benchN8n');
const m = require('./lib/measure');
const { measureMemory } = require('./lib/memory');
const { formatTable } = require('./lib/table');

const ROOT = path.resolve(__dirname, '..', '..');
const KEY = KEYS.enterprise;
const LINE = 'n8n-2';
const FULL = {
	batchCount: 300,
	limit: 20,
	windowMs: 2000,
	waitCounts: [20, 100],
	runMs: 3000,
	pollMs: 1000,
	getCount: 2000,
	memoryCounts: [2000, 10000],
};
// BENCH_QUICK=1: a smoke run of the whole pipeline with small counts (figures not comparable).
const QUICK = {
	...FULL,
	batchCount: 40,
	waitCounts: [5],
	getCount: 200,
	memoryCounts: [200, 1000],
};
const SETTINGS = process.env.BENCH_QUICK === '1' ? QUICK : FULL;
const DELIVERIES = path.join(__dirname, 'lib', 'deliveries.js');
/**
 * The deliveries measurements, each in a fresh n8n and with lib/deliveries.js's rounds (medians
 * of rotated rounds): n8n's defaults, then the setting docs/queue-mode.md recommends for webhook
 * processors, which decides whether a delivery costs an expression isolate.
 */
const DELIVERY_MEASUREMENTS = [
	{ key: 'deliveries', title: 'deliveries', options: {} },
	{
		key: 'deliveriesLazy',
		title: 'deliveries with lazy isolate acquisition',
		options: { env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
	},
];
// The polling trigger's rows (pollingSection in lib/table.js).
const POLLING = path.join(__dirname, 'lib', 'polling.js');

const log = (text) => process.stderr.write(`[bench] ${text}\n`);

function correctness(results) {
	const problems = [];
	const ours = results.batch.find((row) => row.label.startsWith('Benchwork'));
	if (ours.failedItems || ours.duplicates || ours.notStarted || ours.nodeError)
		problems.push(`batch: ${JSON.stringify(ours)}`);
	for (const row of results.wait)
		if (row.succeeded !== row.items || row.nodeError)
			problems.push(`wait ${row.items}: ${JSON.stringify(row)}`);
	for (const { names } of OVERHEAD) {
		const get = results.overhead.find((row) => row.label === names[0]);
		if (get.items !== SETTINGS.getCount || get.nodeError)
			problems.push(`overhead: ${JSON.stringify(get)}`);
	}
	for (const row of results.memory)
		if (row.outputItems !== row.items)
			problems.push(`memory ${row.items}: ${row.outputItems} items out`);
	for (const { key } of DELIVERY_MEASUREMENTS) {
		const measured = results[key];
		if (measured && measured.error) problems.push(`${key}: ${measured.error}`);
		// A forged delivery accepted is wrong on any machine; a slow answer is only a figure.
		for (const row of (measured && measured.receivers) || [])
			if (row.key.startsWith('trigger') && row.forgedRefused !== row.forgedSent)
				problems.push(`${key}: forged accepted: ${JSON.stringify(row)}`);
	}
	if (results.polling && results.polling.error) problems.push(`polling: ${results.polling.error}`);
	return problems;
}

const BATCH_ROWS = [
	{ kind: 'benchwork', name: 'Batch Benchwork', label: 'Benchwork (no settings)' },
	{ kind: 'default', name: 'Batch HTTP default', label: 'HTTP Request, default' },
	{ kind: 'retry', name: 'Batch HTTP retry', label: 'HTTP Request, Retry On Fail 5 × 5 s' },
	{
		kind: 'batching',
		name: 'Batch HTTP batching',
		label: 'HTTP Request, batching 20 / 2 s (hand-set)',
	},
];
/** The overhead rows: each read through our node, then the HTTP Request node, then No Operation. */
const OVERHEAD = [
	{ read: 'workflow', names: ['Benchwork Get', 'HTTP Request Get', 'No Operation'] },
	{
		read: 'execution',
		names: ['Benchwork Execution → Get', 'HTTP Request Get execution', 'No Operation (executions)'],
	},
];

/**
 * Every row has its own sandbox process (its own rate-limit window and request log), so one n8n
 * run can hold many rows: the rows that succeed run in one workflow, one after the other; the
 * HTTP Request rows that fail the workflow (default, Retry On Fail) run as their own workflows,
 * at the same time (they mostly wait), before it.
 */
async function runRows(context, results) {
	const { line, userFolder } = context;
	const { limit, windowMs, batchCount: count, runMs, pollMs } = SETTINGS;
	const sandboxes = [];
	const target = async (name) => {
		const sandbox = await e2e.startSandboxProcess();
		sandboxes.push(sandbox);
		// n8n's CLI imports a credential under the ID it is given (16 characters).
		const credential = {
			id: `benchCred${String(sandboxes.length).padStart(7, '0')}`,
			...benchworkCredential(sandbox, `Benchwork ${name}`),
		};
		return { sandbox, credential, baseUrl: sandbox.baseUrl };
	};
	try {
		const batch = {};
		for (const row of BATCH_ROWS) batch[row.kind] = await target(row.name);
		const waits = [];
		for (const items of SETTINGS.waitCounts)
			waits.push({ items, name: `Wait ${items}`, ...(await target(`wait ${items}`)) });
		const overhead = await target('overhead');
		const all = [...Object.values(batch), ...waits, overhead];
		await e2e.importCredentials({ line, userFolder, credentials: all.map((t) => t.credential) });

		const batchOptions = (kind) => ({ count, target: batch[kind], key: KEY, limit, windowMs });
		const chainOf = (row) => batchChain(row.name, row.kind, batchOptions(row.kind));
		const failing = BATCH_ROWS.filter((row) => row.kind === 'default' || row.kind === 'retry');
		const failingFlows = failing.map((row) =>
			manualWorkflow(`Bench: ${row.label}`, [chainOf(row)]),
		);
		const main = manualWorkflow('Bench: rows that succeed', [
			...BATCH_ROWS.filter((row) => !failing.includes(row)).map(chainOf),
			...waits.map((w) =>
				waitChain(w.name, {
					count: w.items,
					target: w,
					sandboxWorkflow: 'wf_wait',
					pollInterval: pollMs / 1000,
				}),
			),
			...OVERHEAD.map(({ read, names }) =>
				overheadChain(
					names.map((name) => `Warm-up ${name}`),
					{ count: 200, target: overhead, key: KEY, read },
				),
			),
			...OVERHEAD.map(({ read, names }) =>
				overheadChain(names, { count: SETTINGS.getCount, target: overhead, key: KEY, read }),
			),
		]);
		await e2e.importWorkflows({ line, userFolder, workflows: [...failingFlows, main] });

		const batchPrep = { count, limit, windowMs, workflowOf: BATCH_WORKFLOW };
		for (const row of BATCH_ROWS) await m.prepareBatch(batch[row.kind].sandbox, batchPrep);
		for (const w of waits)
			await m.prepareWait(w.sandbox, { limit, windowMs, runMs, sandboxWorkflow: 'wf_wait' });
		await m.prepareOverhead(overhead.sandbox);

		log(`HTTP Request batches that fail: ${failing.map((row) => row.label).join('; ')}`);
		const failingRuns = await Promise.all(failingFlows.map((flow) => m.execute(context, flow)));
		log('the rows that succeed: batches, waits, overhead');
		const run = await m.execute(context, main);

		results.batch = [];
		for (const row of BATCH_ROWS) {
			const source = failing.includes(row) ? failingRuns[failing.indexOf(row)] : run;
			results.batch.push(
				await m.batchRow(source, batch[row.kind].sandbox, { ...row, ...batchPrep }),
			);
		}
		results.wait = [];
		for (const w of waits)
			results.wait.push(
				await m.waitRow(run, w.sandbox, {
					name: w.name,
					count: w.items,
					limit,
					windowMs,
					runMs,
					pollMs,
				}),
			);
		results.overhead = OVERHEAD.flatMap(({ names }) =>
			m.overheadRows(run, { count: SETTINGS.getCount, names }),
		);
		// The raw loop reads the workflow: compared with the HTTP Request node reading it too.
		results.overhead.push({
			...(await m.rawLoop({ baseUrl: overhead.baseUrl, key: KEY, count: SETTINGS.getCount })),
			peer: OVERHEAD[0].names[1],
		});
		log('memory');
		results.memory = await measureMemory({
			baseUrl: overhead.baseUrl,
			apiKey: KEY,
			counts: SETTINGS.memoryCounts,
		});
	} finally {
		await Promise.all(sandboxes.map((sandbox) => sandbox.stop()));
	}
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Benchwork', 'Benchwork.node.js')))
		throw new Error('dist/ is missing: run npm run build');
	const line = installedLine(LINE);
	const started = Date.now();
	const tarball = e2e.npmPack(ROOT);
	const results = {
		date: new Date().toISOString(),
		machine: {
			n8n: line.n8nVersion,
			node: line.nodeVersion,
			cpu: os.cpus()[0].model.trim(),
			cores: os.cpus().length,
			load: os
				.loadavg()
				.map((l) => l.toFixed(1))
				.join(' '),
			memoryGb: (os.totalmem() / 2 ** 30).toFixed(1),
		},
		settings: SETTINGS,
	};
	const userFolder = benchUserFolder(LINE, tarball);
	await runRows({ line, userFolder }, results);
	if (fs.existsSync(DELIVERIES)) {
		for (const { key, title, options } of DELIVERY_MEASUREMENTS) {
			log(title);
			try {
				results[key] = await require(DELIVERIES).measureDeliveries({
					line: LINE,
					tarball,
					log,
					...options,
				});
			} catch (error) {
				results[key] = { error: error.message.split('\n')[0] };
			}
		}
	}
	if (fs.existsSync(POLLING)) {
		log('polling trigger');
		try {
			results.polling = await require(POLLING).measurePolling({ line: LINE, tarball, log });
		} catch (error) {
			results.polling = { error: error.message.split('\n')[0] };
		}
	}
	results.totalSeconds = Math.round((Date.now() - started) / 1000);
	const table = formatTable(results);
	process.stdout.write(`${table}\n\n(whole run ${results.totalSeconds} s)\n`);
	const dir = path.join(ROOT, 'bench', 'results');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${results.date.replace(/[:.]/g, '-')}.json`);
	fs.writeFileSync(file, `${JSON.stringify({ ...results, table }, null, 2)}\n`);
	log(`results: ${path.relative(ROOT, file)}`);
	const problems = correctness(results);
	for (const problem of problems) log(`WRONG: ${problem}`);
	process.exit(problems.length ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
