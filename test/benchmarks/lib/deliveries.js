'use strict';
// Deliveries per second in real n8n: the Benchwork Trigger against n8n's own Webhook node.
// Both workflows are "trigger → No Operation"; both receive the same signed bodies, 10 at a
// time; the Webhook node checks nothing. Forged deliveries (wrong secret) go to the trigger
// too, to show they are still all refused. Reuses the e2e libs (real n8n, real sandbox).
//
//   const { measureDeliveries } = require('./test/benchmarks/lib/deliveries');
//   const { benchworkPerSec, webhookPerSec, forgedRefused, forgedSent } = await measureDeliveries();
//
// Needs `npm run build` and the e2e lines installed (bash test/e2e/install.sh). Run alone:
//   node test/benchmarks/lib/deliveries.js [n8n-2] [300] [another built checkout, or -] [N8N_X=value ...]
const fs = require('fs');
const path = require('path');
const { randomUUID } = require('crypto');

const e2e = require('../../e2e/lib');
const { BENCHWORK_TRIGGER } = require('../../e2e/workflows');
const { KEYS, signDelivery } = require('../../sandbox/server');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const KEY = KEYS.enterprise;

function node(name, type, parameters, extra = {}) {
	return { id: randomUUID(), name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

function toNoOp(name, start) {
	return {
		name,
		nodes: [start, node('No Operation', 'n8n-nodes-base.noOp', {}, { position: [220, 0] })],
		connections: { [start.name]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Benchwork Trigger → No Operation, and Webhook (POST, answers at once) → No Operation. */
function benchWorkflows(credential) {
	const triggerId = randomUUID();
	const webhookPath = `${randomUUID()}/webhook`;
	const trigger = node(
		'Benchwork Trigger',
		BENCHWORK_TRIGGER,
		{ events: ['execution.completed', 'execution.failed'], options: {} },
		{
			credentials: { benchworkApi: { id: credential.id, name: credential.name } },
			webhookId: triggerId,
		},
	);
	const webhook = node(
		'Webhook',
		'n8n-nodes-base.webhook',
		{ httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
		{
			typeVersion: 2,
			webhookId: randomUUID(),
		},
	);
	return {
		trigger: {
			workflow: toNoOp('Bench: Benchwork Trigger', trigger),
			path: `${triggerId}/webhook`,
		},
		webhook: { workflow: toNoOp('Bench: Webhook node', webhook), path: webhookPath },
	};
}

/** A delivery as Benchwork sends it, signed with `secret`; each has its own deliveryId. */
function signedDelivery(secret, index, tag) {
	const deliveryId = `dlv_bench_${tag}_${index}_${randomUUID().slice(0, 8)}`;
	const body = JSON.stringify({
		event: 'execution.completed',
		deliveryId,
		createdAt: new Date().toISOString(),
		execution: { id: `exe_bench_${index}`, workflowId: 'wf_orders_sync', status: 'success' },
	});
	const timestamp = Math.floor(Date.now() / 1000);
	return {
		body,
		headers: {
			'Content-Type': 'application/json',
			'X-Benchwork-Event': 'execution.completed',
			'X-Benchwork-Delivery': deliveryId,
			'X-Benchwork-Timestamp': String(timestamp),
			'X-Benchwork-Signature': signDelivery(secret, timestamp, body),
		},
	};
}

/** Sends every delivery, `concurrency` at a time; returns the statuses and the elapsed time. */
async function sendAll(url, deliveries, concurrency) {
	const statuses = new Array(deliveries.length);
	let next = 0;
	const started = process.hrtime.bigint();
	async function worker() {
		while (next < deliveries.length) {
			const index = next++;
			const { body, headers } = deliveries[index];
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers,
					body,
					signal: AbortSignal.timeout(60000),
				});
				await response.arrayBuffer();
				statuses[index] = response.status;
			} catch {
				statuses[index] = 0;
			}
		}
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	return { statuses, seconds };
}

function count(statuses, status) {
	return statuses.filter((value) => value === status).length;
}

/**
 * CPU time the n8n process has used, in ms (Linux /proc; undefined elsewhere). The machine may
 * be shared, so CPU per delivery compares the two nodes better than wall time alone.
 */
function cpuMsOf(pid) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, 100 ticks/s
	} catch {
		return undefined;
	}
}

/** { "200": n, "500": m, "0": k } (0 = no answer). */
function tally(statuses, into = {}) {
	for (const status of statuses) into[status] = (into[status] ?? 0) + 1;
	return into;
}

/**
 * Runs the measurement in a fresh n8n of `line`. Rounds alternate trigger and Webhook node so
 * load from elsewhere on the machine falls on both alike; each figure is over all its rounds.
 */
async function measureDeliveries(options = {}) {
	const {
		line: lineId = 'n8n-2',
		count: perRound = 300,
		concurrency = 10,
		rounds = 2,
		forged = 50,
		warmup = 20,
		log = () => {},
	} = options;
	const line = e2e.getLine(lineId);
	if (!line.installed) throw new Error(`${line.id} is not installed: bash test/e2e/install.sh`);
	const tarball = options.tarball ?? e2e.npmPack(ROOT);
	const sandbox = await e2e.startSandboxProcess();
	let n8n;
	try {
		const userFolder = e2e.makeUserFolder(`bench-deliveries-${line.id}`);
		e2e.installCommunityPackage(userFolder, tarball);
		n8n = await e2e.startN8n({ line, userFolder, env: options.env });
		const rest = new e2e.N8nRest(n8n);
		await rest.ensureOwner();
		const credential = await rest.createCredential({
			name: 'Benchwork bench',
			type: 'benchworkApi',
			data: { apiKey: KEY, baseUrl: sandbox.baseUrl },
		});
		const flows = benchWorkflows(credential);
		const urls = {};
		for (const [name, flow] of Object.entries(flows)) {
			const created = await rest.createWorkflow(flow.workflow);
			await rest.activate(created.id);
			urls[name] = `${n8n.webhookUrl}webhook/${flow.path}`;
		}
		const hook = await sandbox.waitFor(
			async () => (await sandbox.webhooks()).find((h) => h.url === urls.trigger),
			{ timeoutMs: 30000, what: 'the trigger’s hook' },
		);
		await sandbox.waitFor(
			async () =>
				(
					await fetch(urls.webhook, {
						method: 'POST',
						body: '{}',
						headers: { 'Content-Type': 'application/json' },
					})
				).status === 200,
			{
				timeoutMs: 30000,
				what: 'the Webhook node’s route',
			},
		);

		const batch = (tag, size) =>
			Array.from({ length: size }, (_, index) => signedDelivery(hook.secret, index, tag));
		for (const name of ['trigger', 'webhook'])
			await sendAll(urls[name], batch(`warm_${name}`, warmup), concurrency);

		const totals = {
			trigger: { ok: 0, sent: 0, seconds: 0, cpuMs: 0, statuses: {} },
			webhook: { ok: 0, sent: 0, seconds: 0, cpuMs: 0, statuses: {} },
		};
		for (let round = 0; round < rounds; round++) {
			for (const name of ['trigger', 'webhook']) {
				const cpuBefore = cpuMsOf(n8n.pid);
				const { statuses, seconds } = await sendAll(
					urls[name],
					batch(`${name}_${round}`, perRound),
					concurrency,
				);
				totals[name].cpuMs += (cpuMsOf(n8n.pid) ?? NaN) - (cpuBefore ?? NaN);
				totals[name].ok += count(statuses, 200);
				totals[name].sent += statuses.length;
				totals[name].seconds += seconds;
				tally(statuses, totals[name].statuses);
				log(
					`  round ${round + 1} ${name}: ${count(statuses, 200)}/${statuses.length} accepted in ${seconds.toFixed(2)} s`,
				);
			}
		}
		const forgedDeliveries = Array.from({ length: forged }, (_, index) =>
			signedDelivery('not-the-secret', index, 'forged'),
		);
		const forgedResult = await sendAll(urls.trigger, forgedDeliveries, concurrency);
		return {
			line: line.id,
			n8nVersion: line.n8nVersion,
			benchworkPerSec: totals.trigger.ok / totals.trigger.seconds,
			webhookPerSec: totals.webhook.ok / totals.webhook.seconds,
			benchworkAccepted: totals.trigger.ok,
			webhookAccepted: totals.webhook.ok,
			sentEach: totals.trigger.sent,
			benchworkCpuMsPerDelivery: totals.trigger.cpuMs / totals.trigger.sent,
			webhookCpuMsPerDelivery: totals.webhook.cpuMs / totals.webhook.sent,
			benchworkStatuses: totals.trigger.statuses,
			webhookStatuses: totals.webhook.statuses,
			forgedRefused: count(forgedResult.statuses, 401),
			forgedSent: forged,
		};
	} finally {
		if (n8n) await n8n.stop();
		await sandbox.stop();
	}
}

function formatDeliveries(result) {
	const ratio = result.benchworkPerSec / result.webhookPerSec;
	return [
		`deliveries in n8n ${result.n8nVersion} (${result.sentEach} each, 10 at a time, trigger → No Operation):`,
		`  Benchwork Trigger  ${result.benchworkPerSec.toFixed(1)}/s (${result.benchworkAccepted}/${result.sentEach} accepted; statuses ${JSON.stringify(result.benchworkStatuses)})`,
		`  Webhook node       ${result.webhookPerSec.toFixed(1)}/s (${result.webhookAccepted}/${result.sentEach} accepted; statuses ${JSON.stringify(result.webhookStatuses)})`,
		`  ratio              ${ratio.toFixed(2)}`,
		`  n8n CPU/delivery   Benchwork Trigger ${result.benchworkCpuMsPerDelivery.toFixed(1)} ms, Webhook node ${result.webhookCpuMsPerDelivery.toFixed(1)} ms`,
		`  forged refused     ${result.forgedRefused}/${result.forgedSent}`,
	].join('\n');
}

module.exports = { measureDeliveries, formatDeliveries };

if (require.main === module) {
	// node test/benchmarks/lib/deliveries.js [line] [deliveries per round] [built package dir or -] [N8N_X=value ...]
	const [lineId = 'n8n-2', countArg, packageDir, ...settings] = process.argv.slice(2);
	const tarball =
		packageDir && packageDir !== '-' ? e2e.npmPack(path.resolve(packageDir)) : undefined;
	const env = Object.fromEntries(settings.map((setting) => setting.split(/=(.*)/s).slice(0, 2)));
	measureDeliveries({
		line: lineId,
		count: countArg ? Number(countArg) : undefined,
		tarball,
		env,
		log: (line) => console.log(line),
	})
		.then((result) => {
			console.log(formatDeliveries(result));
			process.exit(0);
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
