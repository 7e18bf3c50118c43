#!/usr/bin/env node
'use strict';
// A/B of the overhead row (N × Workflow → Get, each followed by n8n's HTTP Request node) between
// this checkout and a git ref, in ONE n8n 2.41.1 run: the ref's build is installed beside this
// one under its own package name, and the chains alternate over the rounds, so both versions and
// the HTTP Request node are measured side by side on the same machine state. Besides wall time,
// each node's CPU time per item: the n8n process's CPU (/proc) sampled while it runs, which
// compares the nodes better than wall time on a shared machine.
// Usage: npm run build && node test/benchmarks/overheadAB.js <git-ref> [rounds]
//   env BENCH_QUICK=1: 200 items a chain (a smoke run; figures not comparable)
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const e2e = require('../e2e/lib');
const { KEYS } = require('../sandbox/server');
const { cpuMsOf } = require('./lib/deliveries');
const { benchUserFolder, benchworkCredential, installedLine } = require('./lib/benchN8n');
const m = require('./lib/measure');
const { grid } = require('./lib/table');
const { manualWorkflow, overheadChain } = require('./lib/workflows');

const ROOT = path.resolve(__dirname, '..', '..');
const LINE = 'n8n-2';
const KEY = KEYS.enterprise;
const COUNT = process.env.BENCH_QUICK === '1' ? 200 : 2000;
const BASE_PACKAGE = 'n8n-nodes-benchworkbase';

const log = (text) => process.stderr.write(`[ab] ${text}\n`);

/** The ref's files, built in a temporary folder with this checkout's dependencies. */
function buildRef(ref, dir) {
	const archive = path.join(dir, 'ref.tar');
	execFileSync('git', ['archive', '--prefix=tree/', '--output', archive, ref], { cwd: ROOT });
	const tree = path.join(dir, 'tree');
	fs.mkdirSync(tree);
	e2e.tarball.extract(archive, tree);
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
	execFileSync('npm', ['run', 'build'], { cwd: tree, stdio: 'ignore' });
	return tree;
}

/** A tarball of `tree`'s build under the package name `name` (so two builds load side by side). */
function packAs(tree, name, dir) {
	const stage = fs.mkdtempSync(path.join(dir, 'stage-'));
	fs.cpSync(path.join(tree, 'dist'), path.join(stage, 'dist'), { recursive: true });
	const manifest = JSON.parse(fs.readFileSync(path.join(tree, 'package.json'), 'utf8'));
	delete manifest.scripts;
	fs.writeFileSync(
		path.join(stage, 'package.json'),
		JSON.stringify({ ...manifest, name }, null, 2),
	);
	return e2e.npmPack(stage, dir);
}

/**
 * The pid of the running `n8n execute --id=<id>` on `userFolder` (Linux /proc), once it has
 * started. The user folder tells it apart from other benchmarks' runs of a workflow of that id.
 */
function executePid(workflowId, userFolder) {
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
			if (!args.includes('execute') || !args.includes(`--id=${workflowId}`)) continue;
			const env = fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
			if (env.includes(`N8N_USER_FOLDER=${userFolder}`)) return Number(entry);
		} catch {
			/* gone, or not ours to read */
		}
	}
	return undefined;
}

/** Samples { at, cpuMs } of the workflow's n8n process every 5 ms until stop() is called. */
function sampleCpu(workflowId, userFolder) {
	const samples = [];
	let pid;
	const timer = setInterval(() => {
		pid ??= executePid(workflowId, userFolder);
		const cpuMs = pid && cpuMsOf(pid);
		if (cpuMs !== undefined) samples.push({ at: Date.now(), cpuMs });
	}, 5);
	return {
		stop() {
			clearInterval(timer);
			return samples;
		},
	};
}

/** CPU ms the sampled process used from `from` to `to` (epoch ms), undefined without samples. */
function cpuBetween(samples, from, to) {
	const at = (time) => {
		let last;
		for (const sample of samples) if (sample.at <= time) last = sample;
		return last;
	};
	const start = at(from);
	const end = at(to);
	return start && end ? end.cpuMs - start.cpuMs : undefined;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
	const [ref, roundsArg] = process.argv.slice(2);
	if (!ref) throw new Error('usage: node test/benchmarks/overheadAB.js <git-ref> [rounds]');
	const rounds = Number(roundsArg || 5);
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Benchwork', 'Benchwork.node.js')))
		throw new Error('dist/ is missing: run npm run build');
	const line = installedLine(LINE);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchwork-ab-'));
	const variants = [
		{ label: ref, packageName: BASE_PACKAGE, tree: buildRef(ref, dir) },
		{ label: 'this checkout', packageName: 'n8n-nodes-benchwork', tree: ROOT },
	];
	const [base, current] = variants.map((v) => packAs(v.tree, v.packageName, dir));
	const userFolder = benchUserFolder(`ab-${LINE}`, current);
	e2e.installCommunityPackage(userFolder, base);

	const sandbox = await e2e.startSandboxProcess();
	try {
		// n8n's CLI imports a credential under the ID it is given (16 characters).
		const credential = { id: 'benchCredAB00001', ...benchworkCredential(sandbox, 'Benchwork A/B') };
		await e2e.importCredentials({ line, userFolder, credentials: [credential] });
		const target = { credential, baseUrl: sandbox.baseUrl };
		const names = (prefix, variant) =>
			['Get', 'HTTP Request Get', 'No Operation'].map((n) => `${prefix} ${variant.label} ${n}`);
		const chain = (prefix, variant, count) => {
			const nodes = overheadChain(names(prefix, variant), { count, target, key: KEY });
			nodes[1].type = `${variant.packageName}.benchwork`;
			return nodes;
		};
		// Rounds alternate which version goes first, so neither always runs on a warmer process.
		const order = (round) => (round % 2 === 0 ? variants : [...variants].reverse());
		const workflow = manualWorkflow('Bench: overhead A/B', [
			...variants.map((variant) => chain('Warm-up', variant, 200)),
			...Array.from({ length: rounds }, (_, round) =>
				order(round).map((variant) => chain(`R${round + 1}`, variant, COUNT)),
			).flat(),
		]);
		await e2e.importWorkflows({ line, userFolder, workflows: [workflow] });
		await m.prepareOverhead(sandbox);
		log(`${rounds} rounds of ${COUNT} × Workflow → Get: ${ref} and this checkout`);
		const cpu = sampleCpu(workflow.id, userFolder);
		const run = await m.execute({ line, userFolder }, workflow);
		const samples = cpu.stop();
		const cpuPerItem = (name) => {
			const node = m.nodeRun(run, name);
			const ms = cpuBetween(samples, node.startTime, node.startTime + node.executionTime);
			return ms === undefined ? NaN : ms / COUNT;
		};

		const rows = [];
		for (let round = 0; round < rounds; round++) {
			for (const variant of order(round)) {
				const measured = names(`R${round + 1}`, variant).slice(0, 2);
				const [ours, http] = m.overheadRows(run, { count: COUNT, names: measured });
				if (ours.nodeError || ours.items !== COUNT)
					throw new Error(`${variant.label}: ${ours.nodeError || `${ours.items} items`}`);
				rows.push({
					round: round + 1,
					variant,
					ours: ours.msPerItem,
					http: http.msPerItem,
					oursCpu: cpuPerItem(measured[0]),
					httpCpu: cpuPerItem(measured[1]),
				});
			}
		}
		const ms = (value) => value.toFixed(3);
		const x = (value) => `${value.toFixed(2)}×`;
		process.stdout.write(
			`Overhead A/B: ${COUNT} × Workflow → Get, then the HTTP Request node on the same items, one n8n ${line.n8nVersion} run (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)} at the end)\n\n`,
		);
		process.stdout.write(
			`${grid(
				[
					'round',
					'Benchwork node',
					'Benchwork ms / item',
					'HTTP Request ms / item',
					'× HTTP Request',
					'Benchwork CPU ms / item',
					'HTTP Request CPU ms / item',
				],
				rows.map((row) => [
					row.round,
					row.variant.label,
					ms(row.ours),
					ms(row.http),
					x(row.ours / row.http),
					ms(row.oursCpu),
					ms(row.httpCpu),
				]),
			)}\n\n`,
		);
		process.stdout.write(
			`${grid(
				[
					'median of rounds',
					'Benchwork ms / item',
					'HTTP Request ms / item',
					'× HTTP Request',
					'Benchwork CPU ms / item',
					'HTTP Request CPU ms / item',
				],
				variants.map((variant) => {
					const own = rows.filter((row) => row.variant === variant);
					const of = (value) => median(own.map(value));
					return [
						variant.label,
						ms(of((row) => row.ours)),
						ms(of((row) => row.http)),
						x(of((row) => row.ours / row.http)),
						ms(of((row) => row.oursCpu)),
						ms(of((row) => row.httpCpu)),
					];
				}),
			)}\n`,
		);
	} finally {
		await sandbox.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
