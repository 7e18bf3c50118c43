#!/usr/bin/env node
'use strict';
// Answer size: how many bytes of JSON Execution → Get gives for one run, with Simplify on and off.
// Two runs as a real shop's Benchwork answers them (seeded in the sandbox, then read by the built
// node over HTTP): "Orders sync" that succeeded (20 orders fetched, mapped, upserted) and
// "Payment capture" that failed at its card charge. The size is the output item's JSON, what an
// agent's tool answer or the next n8n node receives.
// Usage: npm run build && node test/benchmarks/answerSize.js   (prints a Markdown table)
const { startSandbox, KEYS } = require('../sandbox/server');
const { harness } = require('./lib/inProcessNode');

const STARTED = Date.parse('2025-01-31T12:00:00.000Z');
const at = (ms) => new Date(STARTED + ms).toISOString();

/** One order as a shop API returns it: the fields step outputs in Benchwork typically carry. */
function order(n) {
	return {
		id: `ord_${10420 + n}`,
		number: `#${10420 + n}`,
		createdAt: at(-n * 61000),
		currency: 'EUR',
		total: Number((19.9 + n * 7.35).toFixed(2)),
		customer: { id: `cus_${3000 + n}`, email: `customer${n}@example.com`, country: 'DE' },
		lines: [
			{ sku: `SKU-${100 + n}`, quantity: 1 + (n % 3), price: 9.95 },
			{ sku: `SKU-${200 + n}`, quantity: 1, price: 9.95 + n },
		],
		shipping: { method: 'standard', postcode: `10${100 + n}` },
	};
}

function successfulRun() {
	const orders = Array.from({ length: 20 }, (_, n) => order(n));
	return {
		id: 'exe_size_success',
		workflowId: 'wf_orders_sync',
		workflowName: 'Orders sync',
		status: 'success',
		trigger: 'schedule',
		payload: { since: at(-900000) },
		startedAt: at(0),
		finishedAt: at(4250),
		durationMs: 4250,
		error: null,
		nodeResults: [
			{ step: 'Fetch orders', status: 'success', output: { orders, count: orders.length } },
			{
				step: 'Map fields',
				status: 'success',
				output: {
					records: orders.map((o) => ({
						externalId: o.id,
						customerNo: o.customer.id,
						amount: o.total,
						currency: o.currency,
						positions: o.lines.length,
					})),
				},
			},
			{
				step: 'Upsert to ERP',
				status: 'success',
				output: { created: 17, updated: 3, failed: 0, batchId: 'erp_batch_88121' },
			},
		],
	};
}

function failedRun() {
	const message = 'Step "Charge card" failed: card_declined (insufficient_funds)';
	return {
		id: 'exe_size_failed',
		workflowId: 'wf_flaky_payments',
		workflowName: 'Payment capture',
		status: 'failed',
		trigger: 'webhook',
		payload: { invoiceId: 'inv_7781', amount: 149.9, currency: 'EUR' },
		startedAt: at(0),
		finishedAt: at(1830),
		durationMs: 1830,
		error: { message, step: 'Charge card' },
		nodeResults: [
			{
				step: 'Load invoice',
				status: 'success',
				output: {
					invoice: {
						id: 'inv_7781',
						customer: { id: 'cus_3007', email: 'customer7@example.com' },
						lines: Array.from({ length: 5 }, (_, n) => ({
							sku: `SKU-${300 + n}`,
							description: `Item ${n + 1}`,
							quantity: 1 + (n % 2),
							price: 14.99 + n * 5,
						})),
						total: 149.9,
						currency: 'EUR',
						dueAt: at(86400000 * 14),
					},
				},
			},
			{
				step: 'Charge card',
				status: 'failed',
				output: {
					error: message,
					gateway: {
						code: 'card_declined',
						declineCode: 'insufficient_funds',
						requestId: 'req_9f8e7d6c5b4a',
						paymentIntent: 'pi_3Nk2xLqd8',
					},
				},
			},
			{ step: 'Send receipt', status: 'skipped', output: null },
		],
	};
}

async function main() {
	const sandbox = await startSandbox({ port: 0 });
	const runBenchwork = harness();
	const credentials = { apiKey: KEYS.enterprise, baseUrl: sandbox.baseUrl };
	const rows = [];
	try {
		for (const [label, run] of [
			['success (Orders sync, 3 steps, 20 orders)', successfulRun()],
			['failed (Payment capture, failed at step 2 of 3)', failedRun()],
		]) {
			const bytes = {};
			for (const simplify of [false, true]) {
				sandbox.addFault({ method: 'GET', path: `/executions/${run.id}`, status: 200, body: run });
				const [item] = await runBenchwork(
					{
						resource: 'execution',
						operation: 'get',
						executionId: { __rl: true, mode: 'id', value: run.id },
						simplify,
					},
					[{ json: {} }],
					credentials,
				);
				bytes[simplify ? 'simplified' : 'full'] = Buffer.byteLength(JSON.stringify(item.json));
			}
			rows.push(
				`| ${label} | ${bytes.full} | ${bytes.simplified} | ${(bytes.full / bytes.simplified).toFixed(0)}× |`,
			);
		}
	} finally {
		await sandbox.close();
	}
	console.log('| Execution → Get of a run | full (bytes) | simplified (bytes) | smaller by |');
	console.log('|---|---:|---:|---:|');
	for (const row of rows) console.log(row);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
