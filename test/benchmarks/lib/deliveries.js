'use strict';
// Deliveries per second in real n8n: the Benchwork Trigger against n8n's own GitHub Trigger (the
// fair peer: a built-in trigger that verifies an HMAC signature over the raw body, registered
// against a local stand-in of GitHub's hooks API, lib/githubStandIn.js) and n8n's bare Webhook
// node (n8n 2.x gives only it a cheaper path, see BENCHMARKS.md). All three workflows are
// "trigger → No Operation"; all receive the same body bytes, 10 at a time, each signed as its
// trigger expects; the Webhook node checks nothing. Forged deliveries (wrong secret) go to the
// verifying triggers too, to show they are still all refused. Reuses the e2e libs (real n8n,
// real sandbox). Each figure is the median of its rounds, and each round starts with the next
// receiver: the first receiver after n8n starts pays n8n's own warm-up (its webhook, execution
// and SQLite code not yet optimised: 10-25 % more CPU per delivery was seen for whichever node
// went first), and the machine may be shared, so one round in a fixed order measured position
// and load as much as the receivers.
//
//   const { measureDeliveries } = require('./test/benchmarks/lib/deliveries');
//   const { receivers } = await measureDeliveries(); // [{ key, label, perSec, accepted, sent, ... }]
//
// Needs `npm run build` and the e2e lines installed (bash test/e2e/install.sh). Run alone:
//   node test/benchmarks/lib/deliveries.js [n8n-2] [150] [another built checkout, or -] [N8N_X=value ...]
const fs = require('fs');
const path = require('path');
const { randomUUID } = require('crypto');

const e2e = require('../../e2e/lib');
const { BENCHWORK_TRIGGER, BENCHWORK_TRIGGER_VERSION } = require('../../e2e/workflows');
const { signDelivery } = require('../../sandbox/server');
const { installedLine, startBenchN8n } = require('./benchN8n');
const { startGithubStandIn, signGithub } = require('./githubStandIn');

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

/**
 * Benchwork Trigger → No Operation, GitHub Trigger → No Operation, and Webhook (POST, answers
 * at once) → No Operation; in the order the rounds send to them.
 */
function benchWorkflows(credential, githubCredential) {
	const webhookPath = `${randomUUID()}/webhook`;
	const benchworkTrigger = () => {
		const webhookId = randomUUID();
		const start = node(
			'Benchwork Trigger',
			BENCHWORK_TRIGGER,
			{ events: ['execution.completed', 'execution.failed'], options: {} },
			{
				credentials: { benchworkApi: { id: credential.id, name: credential.name } },
				webhookId,
				typeVersion: BENCHWORK_TRIGGER_VERSION,
			},
		);
		return {
			label: 'Benchwork Trigger',
			workflow: toNoOp('Bench: Benchwork Trigger', start),
			path: `${webhookId}/webhook`,
			benchwork: true,
		};
	};
	const webhook = node(
		'Webhook',
		'n8n-nodes-base.webhook',
		{ httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
		{
			typeVersion: 2,
			webhookId: randomUUID(),
		},
	);
	const githubId = randomUUID();
	const github = node(
		'Github Trigger',
		'n8n-nodes-base.githubTrigger',
		{
			authentication: 'accessToken',
			owner: { __rl: true, mode: 'name', value: 'benchwork' },
			repository: { __rl: true, mode: 'name', value: 'bench' },
			events: ['push'],
			options: {},
		},
		{
			credentials: { githubApi: { id: githubCredential.id, name: githubCredential.name } },
			webhookId: githubId,
		},
	);
	return {
		trigger: benchworkTrigger(),
		github: {
			label: 'GitHub Trigger (n8n)',
			workflow: toNoOp('Bench: GitHub Trigger', github),
			path: `${githubId}/webhook`,
		},
		webhook: {
			label: 'Webhook node (n8n)',
			workflow: toNoOp('Bench: Webhook node', webhook),
			path: webhookPath,
		},
	};
}

/**
 * A delivery as Benchwork sends it, signed with `secret`; each has its own deliveryId. The
 * GitHub Trigger gets the same bytes signed as GitHub signs (`github` = its hook's secret); the
 * body has no `hook_id`, so it is not taken for GitHub's ping and starts a run.
 */
function signedDelivery(secret, index, tag, github) {
	const deliveryId = `dlv_bench_${tag}_${index}_${randomUUID().slice(0, 8)}`;
	const body = JSON.stringify({
		event: 'execution.completed',
		deliveryId,
		createdAt: new Date().toISOString(),
		execution: { id: `exe_bench_${index}`, workflowId: 'wf_orders_sync', status: 'success' },
	});
	const timestamp = Math.floor(Date.now() / 1000);
	if (github !== undefined)
		return {
			body,
			headers: {
				'Content-Type': 'application/json',
				'X-GitHub-Event': 'push',
				'X-GitHub-Delivery': deliveryId,
				'X-Hub-Signature-256': signGithub(github, body),
			},
		};
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

/** The middle value (the mean of the two middle ones for an even count). */
function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `names` starting at the round's own one: round r starts with receiver r (mod their count). */
function rotated(names, round) {
	const start = round % names.length;
	return [...names.slice(start), ...names.slice(0, start)];
}

/** { "200": n, "500": m, "0": k } (0 = no answer). */
function tally(statuses, into = {}) {
	for (const status of statuses) into[status] = (into[status] ?? 0) + 1;
	return into;
}

/**
 * Runs the measurement in a fresh n8n of `line`. Each round sends `count` deliveries to every
 * receiver in turn, starting with the next receiver each round (rotated), so neither n8n's
 * warm-up nor load from elsewhere on the machine falls on one receiver only; each figure is the
 * median of its rounds (`rounds` keeps every round's own figures, in sending order).
 * Returns { receivers: [{ key, label, perSec, accepted, sent, cpuMsPerDelivery, statuses,
 * rounds: [{ round, position, perSec, cpuMsPerDelivery }], forgedRefused?, forgedSent? }],
 * sentEach, perRound, roundCount, n8nVersion, line }.
 */
async function measureDeliveries(options = {}) {
	const {
		line: lineId = 'n8n-2',
		count: perRound = 150,
		concurrency = 10,
		rounds = 3,
		forged = 50,
		warmup = 20,
		log = () => {},
	} = options;
	const line = installedLine(lineId);
	const settings = Object.entries(options.env ?? {})
		.map(([k, v]) => `${k}=${v}`)
		.join(' ');
	const sandbox = await e2e.startSandboxProcess();
	const github = await startGithubStandIn();
	let n8n;
	try {
		const started = await startBenchN8n({
			line,
			name: 'deliveries',
			sandbox,
			tarball: options.tarball,
			env: options.env,
		});
		({ n8n } = started);
		const { rest, credential } = started;
		const githubCredential = await rest.createCredential({
			name: 'GitHub stand-in',
			type: 'githubApi',
			data: { server: github.origin, user: 'bench', accessToken: 'ghp_bench_stand_in' },
		});
		const flows = benchWorkflows(credential, githubCredential);
		const names = Object.keys(flows);
		const urls = {};
		for (const [name, flow] of Object.entries(flows)) {
			const created = await rest.createWorkflow(flow.workflow);
			await rest.activate(created.id);
			urls[name] = `${n8n.webhookUrl}webhook/${flow.path}`;
		}
		// Each Benchwork Trigger's hook at the sandbox, with the secret its deliveries are signed with.
		const secrets = {};
		for (const name of names.filter((n) => flows[n].benchwork))
			secrets[name] = (
				await sandbox.waitFor(
					async () => (await sandbox.webhooks()).find((h) => h.url === urls[name]),
					{ timeoutMs: 30000, what: `the hook of ${flows[name].label}` },
				)
			).secret;
		const githubHook = await sandbox.waitFor(
			async () => github.hooks().find((h) => h.config.url === urls.github),
			{ timeoutMs: 30000, what: 'the GitHub Trigger’s hook at the stand-in' },
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

		const batch = (name, tag, size, secret) =>
			Array.from({ length: size }, (_, index) =>
				name === 'github'
					? signedDelivery(undefined, index, tag, secret ?? githubHook.config.secret)
					: signedDelivery(secret ?? secrets[name] ?? secrets.trigger, index, tag),
			);
		for (const name of names)
			await sendAll(urls[name], batch(name, `warm_${name}`, warmup), concurrency);

		const totals = Object.fromEntries(
			names.map((name) => [name, { ok: 0, sent: 0, statuses: {}, rounds: [] }]),
		);
		for (let round = 0; round < rounds; round++) {
			for (const [position, name] of rotated(names, round).entries()) {
				const cpuBefore = cpuMsOf(n8n.pid);
				const { statuses, seconds } = await sendAll(
					urls[name],
					batch(name, `${name}_${round}`, perRound),
					concurrency,
				);
				const cpuMs = (cpuMsOf(n8n.pid) ?? NaN) - (cpuBefore ?? NaN);
				totals[name].ok += count(statuses, 200);
				totals[name].sent += statuses.length;
				totals[name].rounds.push({
					round: round + 1,
					position: position + 1,
					perSec: count(statuses, 200) / seconds,
					cpuMsPerDelivery: cpuMs / statuses.length,
				});
				tally(statuses, totals[name].statuses);
				log(
					`  round ${round + 1} ${name}: ${count(statuses, 200)}/${statuses.length} accepted in ${seconds.toFixed(2)} s`,
				);
			}
		}
		const receivers = [];
		for (const name of names) {
			const t = totals[name];
			const row = {
				key: name,
				label: flows[name].label,
				perSec: median(t.rounds.map((r) => r.perSec)),
				accepted: t.ok,
				sent: t.sent,
				cpuMsPerDelivery: median(t.rounds.map((r) => r.cpuMsPerDelivery)),
				statuses: t.statuses,
				rounds: t.rounds,
			};
			if (name !== 'webhook') {
				const refused = await sendAll(
					urls[name],
					batch(name, `forged_${name}`, forged, 'not-the-secret'),
					concurrency,
				);
				row.forgedRefused = count(refused.statuses, 401);
				row.forgedSent = forged;
			}
			receivers.push(row);
		}
		return {
			line: line.id,
			n8nVersion: line.n8nVersion,
			settings: settings || "n8n's defaults",
			sentEach: perRound * rounds,
			perRound,
			roundCount: rounds,
			receivers,
		};
	} finally {
		if (n8n) await n8n.stop();
		await sandbox.stop();
		await github.stop();
	}
}

function formatDeliveries(result) {
	const peer = result.receivers.find((r) => r.key === 'github');
	return [
		`deliveries in n8n ${result.n8nVersion}, ${result.settings} (${result.sentEach} each, ${result.roundCount} rotated rounds of ${result.perRound}, medians; 10 at a time, trigger → No Operation):`,
		...result.receivers.map(
			(r) =>
				`  ${r.label.padEnd(22)} ${r.perSec.toFixed(1)}/s (${r.accepted}/${r.sent} accepted; ${(r.perSec / peer.perSec).toFixed(2)}× the GitHub Trigger; n8n CPU ${r.cpuMsPerDelivery.toFixed(1)} ms/delivery; statuses ${JSON.stringify(r.statuses)}; rounds ${r.rounds.map((x) => `${x.perSec.toFixed(1)}/s ${x.cpuMsPerDelivery.toFixed(1)} ms as #${x.position}`).join(', ')}${r.forgedSent ? `; forged refused ${r.forgedRefused}/${r.forgedSent}` : ''})`,
		),
	].join('\n');
}

module.exports = { measureDeliveries, formatDeliveries, cpuMsOf };

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
