'use strict';
// The one table `npm run bench` prints (and BENCHMARKS.md shows), from the results object.

const s = (ms) => (ms / 1000).toFixed(1);
const x = (value) => `${value.toFixed(2)}×`;
const mb = (bytes) => (bytes / 1048576).toFixed(1);

function grid(header, rows) {
	const all = [header, ...rows].map((row) => row.map(String));
	const widths = header.map((_, col) => Math.max(...all.map((row) => row[col].length)));
	const line = (row) => `| ${row.map((cell, col) => cell.padEnd(widths[col])).join(' | ')} |`;
	return [
		line(all[0]),
		`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
		...all.slice(1).map(line),
	].join('\n');
}

/**
 * The polling trigger's rows, from test/benchmarks/lib/polling.js's measurePolling: Benchwork API
 * requests per poll (counted in real n8n) times 60 polls an hour (n8n's default Poll Times,
 * every minute), and the latency from a run's Benchwork finishedAt to the startedAt of the n8n
 * execution carrying it, at the poll interval measured with.
 */
function pollingSection(polling) {
	if (!polling)
		return ['Polling trigger: not measured (test/benchmarks/lib/polling.js is missing)'];
	if (polling.error && !polling.rows) return [`Polling trigger: FAILED: ${polling.error}`];
	return [
		`Polling trigger: ${polling.runs} runs finished at random moments over ${polling.windowS} s; requests counted per poll × 60 polls / hour (n8n's default Poll Times, every minute); latency = run finishedAt → n8n execution startedAt`,
		grid(
			[
				'trigger settings',
				'requests / poll',
				'requests / hour (every minute)',
				'poll interval s',
				'latency mean s',
				'latency max s',
				'mean / interval',
				'runs started once',
			],
			polling.rows.map((r) => [
				r.label,
				r.requestsPerPoll.toFixed(1),
				Math.round(r.requestsPerHour),
				r.pollIntervalS,
				r.latencyS.toFixed(1),
				r.latencyMaxS.toFixed(1),
				x(r.latencyS / r.pollIntervalS),
				`${r.itemsSeen}/${r.runs}`,
			]),
		),
		...(polling.error ? [`WRONG: ${polling.error}`] : []),
	];
}

/** The deliveries table of one measurement (n8n settings in its title), or why there is none. */
function deliveriesSection(deliveries) {
	if (!deliveries || deliveries.error)
		return [
			`Deliveries: ${deliveries && deliveries.error ? `FAILED: ${deliveries.error}` : 'SLOT — test/benchmarks/lib/deliveries.js (measureDeliveries) is not in this checkout yet'}`,
		];
	const peer = deliveries.receivers.find((r) => r.key === 'github');
	// The bare Webhook node verifies nothing: the ceiling a verifying trigger is measured against.
	const ceiling = deliveries.receivers.find((r) => r.key === 'webhook');
	return [
		`Deliveries, ${deliveries.settings}: ${deliveries.sentEach} deliveries each (the same bodies, each signed as its trigger expects), 10 at a time, trigger → No Operation (n8n ${deliveries.n8nVersion}); medians of ${deliveries.roundCount} rounds of ${deliveries.perRound}, each round starting with the next receiver`,
		grid(
			[
				'receiver',
				'deliveries / s',
				'× GitHub Trigger',
				'× Webhook node',
				'n8n CPU ms / delivery',
				'accepted',
				'forged refused',
			],
			deliveries.receivers.map((r) => [
				r.label,
				r.perSec.toFixed(1),
				x(r.perSec / peer.perSec),
				x(r.perSec / ceiling.perSec),
				r.cpuMsPerDelivery.toFixed(1),
				`${r.accepted}/${r.sent}`,
				r.forgedSent ? `${r.forgedRefused}/${r.forgedSent}` : 'checks nothing',
			]),
		),
	];
}

function formatTable(results) {
	const { machine, batch, wait, overhead, memory, deliveries, settings } = results;
	const out = [];
	out.push(
		`Benchmark ${results.date} — n8n ${machine.n8n} on Node ${machine.node}; ${machine.cpu}, ${machine.cores} cores, load ${machine.load}`,
	);
	out.push('');
	out.push(
		`Rate-limited batch: ${settings.batchCount} triggers, limit ${settings.limit} / ${settings.windowMs / 1000} s, floor (N − limit) / limit × window = ${s(batch[0].floorMs)} s`,
	);
	out.push(
		grid(
			[
				'node',
				'wall s',
				'× floor',
				'failed items',
				'429s sent',
				'remote starts',
				'duplicate starts',
				'note',
			],
			batch.map((row) => [
				row.label,
				s(row.wallMs),
				x(row.wallMs / row.floorMs),
				row.failedItems,
				row.rateLimited429,
				row.starts,
				row.duplicates,
				row.nodeError ? `node failed: ${row.nodeError}` : '',
			]),
		),
	);
	out.push('');
	out.push(
		`Trigger + Wait: runs ${settings.runMs / 1000} s, Poll Interval ${settings.pollMs / 1000} s, limit ${settings.limit} / ${settings.windowMs / 1000} s; ideal = start floor + one run + one poll interval`,
	);
	out.push(
		grid(
			[
				'items',
				'wall s',
				'ideal s',
				'× ideal',
				'requests',
				'polls (lists)',
				'429s',
				'latency s (run end → node end)',
				'succeeded',
			],
			wait.map((row) => [
				row.items,
				s(row.wallMs),
				s(row.idealMs),
				x(row.wallMs / row.idealMs),
				row.requests,
				`${row.pollRequests} (${row.listPolls})`,
				row.rateLimited429,
				s(row.latencyMs),
				`${row.succeeded}/${row.items}`,
			]),
		),
	);
	out.push('');
	const raw = overhead.find((row) => row.label === 'raw keep-alive loop');
	const peerOf = (row) => overhead.find((candidate) => candidate.label === row.peer);
	out.push(
		`Overhead: ${settings.getCount} × Workflow → Get, then ${settings.getCount} × Execution → Get (Simplify off), no rate limit; each compared with the HTTP Request node sending the same request`,
	);
	out.push(
		grid(
			['node', 'ms / item', '× raw loop', '× HTTP Request'],
			overhead.map((row) => [
				row.label,
				row.msPerItem.toFixed(3),
				x(row.msPerItem / raw.msPerItem),
				row.peer || row.label === 'raw keep-alive loop'
					? x(row.msPerItem / peerOf(row).msPerItem)
					: '',
			]),
		),
	);
	out.push('');
	out.push(
		'Memory of the Benchwork node (Workflow → Get, in-process through n8n-core), heap after minus before',
	);
	out.push(
		grid(
			['items', 'retained MB', 'retained bytes / item', 'output JSON bytes / item', 'peak MB'],
			memory.map((row) => [
				row.items,
				mb(row.retainedBytes),
				Math.round(row.retainedBytes / row.items),
				Math.round(row.outputBytes / row.items),
				mb(row.peakBytes),
			]),
		),
	);
	out.push('');
	out.push(...deliveriesSection(deliveries));
	out.push('');
	if (results.deliveriesLazy) {
		out.push(...deliveriesSection(results.deliveriesLazy));
		out.push('');
	}
	out.push(...pollingSection(results.polling));
	return out.join('\n');
}

module.exports = { formatTable, pollingSection, grid };
