#!/usr/bin/env node
'use strict';
// The package in n8n queue mode (n8n 2.x on Node 24): Redis and Postgres from Debian's packages,
// one main, two workers and one webhook processor, each with the packed package installed as a
// community package, all on loopback, against the Benchwork sandbox. See docs/queue-mode.md.
// Usage: node test/queue/run.js   (after npm run build and bash test/e2e/install.sh n8n-2)
// Runs every case twice, each time on a fresh cluster, database and sandbox: with n8n's engines
// as they are (profile `default`), then with n8n's next engines (profile `next`: the e2e suite's
// n8n-2-next settings plus OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true, see docs/next-engines.md).
//   --profile=next    run one profile only (default or next)
//   --n8n-defaults    leave out the settings docs/queue-mode.md recommends (RECOMMENDED_SETTINGS),
//                     to measure n8n's defaults (the burst case is then expected to fail)
//   --with=K=V,...    add these n8n settings on every process (to try another lever)
//   --only=burst,...  run only these cases (trigger, wait, batch, manual, polling, burst; secrets
//                     needs trigger)
// Prints each stage's time and ends with "queue: N passed, M failed"; exit code 1 on any failure.
const fs = require('fs');
const path = require('path');
const e2e = require('../e2e/lib');
const { KEYS } = require('../sandbox/server');
const services = require('./lib/services');
const {
	startCluster,
	RECOMMENDED_SETTINGS,
	N8N_DEFAULTS,
	settingsLabel,
	settingsText,
	WORK_DIR,
} = require('./lib/cluster');
const { checkTrigger } = require('./cases/trigger');
const { checkWaitForCompletion } = require('./cases/wait');
const { checkBatches } = require('./cases/batch');
const { checkSecrets } = require('./cases/secrets');
const { checkBurst } = require('./cases/burst');
const { checkPolling } = require('./cases/polling');
const { checkManualExecutions } = require('./cases/manual');
const { onExit } = require('./lib/cleanup');

const ROOT = path.resolve(__dirname, '..', '..');
const KEY = KEYS.enterprise;
const LOG_ROOT = path.join(WORK_DIR, 'logs');
const ARGS = process.argv.slice(2);
/**
 * The profiles, in order: the e2e line each cluster runs (its settings on every process) and what
 * the queue adds. `next`: manual executions on workers, as n8n 3 always runs them.
 */
const PROFILES = {
	default: { line: 'n8n-2', every: {} },
	next: { line: 'n8n-2-next', every: { OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' } },
};
const PROFILE = (ARGS.find((a) => a.startsWith('--profile=')) || '').slice('--profile='.length);
if (PROFILE && !PROFILES[PROFILE])
	throw new Error(`unknown profile ${PROFILE} (known: ${Object.keys(PROFILES).join(', ')})`);
// --with=K=V,K2=V2 adds n8n settings on every process, to try another lever.
const WITH = (ARGS.find((a) => a.startsWith('--with=')) || '').slice('--with='.length);
const BASE = ARGS.includes('--n8n-defaults') ? N8N_DEFAULTS : RECOMMENDED_SETTINGS;
const SETTINGS = {
	every: {
		...BASE.every,
		...Object.fromEntries(
			WITH.split(',')
				.filter(Boolean)
				.map((kv) => kv.split(/=(.*)/s).slice(0, 2)),
		),
	},
	webhook: BASE.webhook,
};
const ONLY = (ARGS.find((a) => a.startsWith('--only=')) || '').slice('--only='.length);
const wanted = (name) => !ONLY || ONLY.split(',').includes(name);

const stages = new e2e.Stages('[queue]');
const checks = new e2e.Checks();
const check = (name, fn) => checks.check(name, fn);

/** One profile: its own sandbox, Redis, Postgres and cluster, every wanted case, then all gone. */
async function runProfile(profileId, tarball) {
	const profile = PROFILES[profileId];
	const line = e2e.getLine(profile.line);
	const logDir = path.join(LOG_ROOT, profileId);
	fs.mkdirSync(logDir, { recursive: true });
	const stage = (name, fn) => stages.run(`${profileId}: ${name}`, fn);
	const settings = { ...SETTINGS, every: { ...SETTINGS.every, ...profile.every } };
	console.log(`\n[queue] profile ${profileId}: n8n ${line.n8nVersion} (${line.id})`);
	const up = { stop: [] };
	try {
		const sandbox = await stage('start the sandbox', () =>
			e2e.startSandboxProcess({ logFile: path.join(logDir, 'sandbox.log') }),
		);
		up.stop.push(() => sandbox.stop());
		const [redis, postgres] = await stage('start Redis and Postgres', () =>
			Promise.all([services.startRedis({ logDir }), services.startPostgres({ logDir })]),
		);
		up.stop.push(
			() => redis.stop(),
			() => postgres.stop(),
		);
		console.log(`  redis on ${redis.port}, postgres on ${postgres.port}`);
		console.log(
			`  n8n settings: ${settingsLabel(settings)}; ${line.id}'s own: ${settingsText(line.env)}`,
		);
		const cluster = await stage(
			'start n8n: main, 2 workers, webhook processor (package installed in each)',
			() => startCluster({ line, tarball, postgres, redis, settings, logDir }),
		);
		up.stop.push(() => cluster.stop());
		for (const p of cluster.processes())
			console.log(
				`  ${p.name.padEnd(9)} ${p.command.padEnd(8)} pid ${p.pid}, port ${p.port}, ready in ${(p.startedInMs / 1000).toFixed(1)} s`,
			);

		let rest = new e2e.N8nRest(cluster.main);
		await rest.ensureOwner();
		const credential = await rest.createCredential({
			name: 'Benchwork sandbox',
			type: 'benchworkApi',
			data: { apiKey: KEY, baseUrl: sandbox.baseUrl },
		});
		const secrets = new Set();
		const ctx = { cluster, sandbox, postgres, credential, key: KEY, check, stages, secrets };
		let trigger;
		if (wanted('trigger')) {
			trigger = await stage('trigger across processes', () => checkTrigger({ ...ctx, rest }));
			rest = trigger.rest;
		}
		if (wanted('wait'))
			await stage('Trigger with Wait for Completion on a worker', () =>
				checkWaitForCompletion({ ...ctx, rest }),
			);
		if (wanted('batch'))
			await stage('two batches on two workers, one key', () => checkBatches({ ...ctx, rest }));
		if (wanted('manual'))
			await stage('manual executions', () => checkManualExecutions({ ...ctx, rest }));
		if (wanted('polling'))
			await stage('polling trigger on the main, executions on two workers', () =>
				checkPolling({ ...ctx, rest }),
			);
		if (wanted('burst'))
			await stage('deliveries to the trigger during two batches', () =>
				checkBurst({ ...ctx, rest }),
			);
		if (trigger && wanted('secrets'))
			await stage('secrets in Postgres and logs', () =>
				checkSecrets({ ...ctx, ...trigger, logDir }),
			);
	} catch (error) {
		checks.fail(`queue mode run (${profileId})`, error);
	} finally {
		await stage('stop everything and remove the data', async () => {
			// Bounded: a stop waiting for an exit event that already passed would otherwise leave
			// nothing on the event loop, and node would end silently before the summary.
			for (const stop of up.stop.reverse()) {
				let timer;
				const late = new Promise((resolve) => {
					timer = setTimeout(
						() => resolve(console.log('  stop: no confirmation within 20 s')),
						20_000,
					);
				});
				await Promise.race([stop().catch((e) => console.log(`  stop: ${e.message}`)), late]);
				clearTimeout(timer);
			}
		});
	}
}

async function main() {
	const base = e2e.getLine(PROFILES.default.line);
	if (!base.installed)
		throw new Error(`${base.id} is not installed: run bash test/e2e/install.sh ${base.id}`);
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Benchwork', 'Benchwork.node.js')))
		throw new Error('dist/ is missing: run npm run build first');
	console.log(`[queue] n8n ${base.n8nVersion} on Node.js ${base.nodeVersion}, queue mode`);
	fs.rmSync(WORK_DIR, { recursive: true, force: true });
	fs.mkdirSync(LOG_ROOT, { recursive: true });
	// n8n's user folders hold the encryption key and the package: gone however the run ends.
	onExit(() =>
		['users', 'pack'].forEach((d) =>
			fs.rmSync(path.join(WORK_DIR, d), { recursive: true, force: true }),
		),
	);

	const installed = await stages.run(
		'Redis and Postgres from Debian (apt-get when missing)',
		async () => services.ensurePackages(),
	);
	if (installed.length) console.log(`  installed ${installed.join(', ')}`);
	const tarball = await stages.run('npm pack', async () =>
		e2e.npmPack(ROOT, path.join(WORK_DIR, 'pack')),
	);
	for (const profileId of PROFILE ? [PROFILE] : Object.keys(PROFILES))
		await runProfile(profileId, tarball);
	console.log(`\n${stages.summary()}`);
	console.log(`[queue] logs kept in ${path.relative(process.cwd(), LOG_ROOT)}`);
	console.log(`\nqueue: ${checks.passed} passed, ${checks.failed} failed`);
	process.exit(checks.failed ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	console.log(`\nqueue: ${checks.passed} passed, ${checks.failed + 1} failed`);
	process.exit(1);
});
