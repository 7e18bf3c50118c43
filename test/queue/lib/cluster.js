'use strict';
// n8n in queue mode: one main (`n8n start`: editor, REST, activation), two workers (`n8n
// worker`: executions from the Redis queue) and one webhook processor (`n8n webhook`: production
// webhooks), sharing one Postgres database, one Redis and one encryption key. Each has its own
// user folder with the packed package installed as a community package.
const fs = require('fs');
const path = require('path');
const { randomBytes } = require('crypto');
const e2e = require('../../e2e/lib');

const QUEUE_DIR = path.resolve(__dirname, '..');
// For rest.activate / deactivate: the main works through its publication queue by polling, and
// right after a restart on a busy machine it took more than the default 5 s to pick one up.
const PUBLISH_WAIT = { graceMs: 30000, timeoutMs: 90000 };
const WORK_DIR = path.join(QUEUE_DIR, '.work');

/**
 * What every process gets besides n8nEnv's loopback defaults: the shared database, queue and
 * key, and the webhook processor's address as the URL n8n builds webhooks from.
 */
function queueEnv({ postgres, redis, encryptionKey, webhookUrl, logLevel }) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: 'trust-auth-on-loopback',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: encryptionKey,
		// 2.x's name for WEBHOOK_URL (which it still reads, reporting it deprecated). n8nEnv
		// sets it to each process's own port; in queue mode it is the webhook processor's.
		N8N_WEBHOOK_URL: webhookUrl,
		N8N_LOG_LEVEL: logLevel,
	};
}

/**
 * The settings docs/queue-mode.md recommends: `every` on every process, `webhook` on webhook
 * processors only. `node test/queue/run.js --n8n-defaults` leaves them out, to measure n8n's
 * defaults.
 * - DB_POSTGRESDB_POOL_SIZE: n8n's default is 2 connections per process; under a burst of
 *   deliveries the webhook processor then waits for a connection past the sender's timeout or
 *   fails the call.
 * - N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: n8n 2.x otherwise builds an expression isolate for every
 *   webhook request to a trigger other than its own Webhook node, about 100 ms of CPU each; lazily
 *   it builds one only when an expression is evaluated, and a delivery to the Benchwork Trigger
 *   (version 2) evaluates none.
 */
const RECOMMENDED_SETTINGS = {
	every: { DB_POSTGRESDB_POOL_SIZE: '10' },
	webhook: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
};
/** n8n's defaults: nothing added. */
const N8N_DEFAULTS = { every: {}, webhook: {} };

/** "K=V K2=V2" for a settings group, or "n8n's defaults". */
function settingsText(group) {
	const pairs = Object.entries(group).map(([k, v]) => `${k}=${v}`);
	return pairs.length ? pairs.join(' ') : "n8n's defaults";
}

/** How a run's settings are printed: "every process: …; webhook processor: …". */
function settingsLabel(settings) {
	return `every process: ${settingsText(settings.every)}; webhook processor also: ${settingsText(settings.webhook)}`;
}

const ROLES = {
	main: { command: 'start', readyLog: /Editor is now accessible via/ },
	worker: { command: 'worker', readyLog: /n8n worker is now ready/ },
	webhook: { command: 'webhook', readyLog: /Webhook listener waiting for requests/ },
};

/**
 * startCluster({line, tarball, postgres, redis, workers = 2, logLevel = 'debug', settings, logDir})
 *   -> cluster: { main, workers: [..], webhook, processes(), webhookUrl, restart(proc), stop(),
 *   logs(), settingsLabel }
 * `logLevel` debug by default: the secrets check then reads the most a log can say. `settings`:
 * extra environment, `{ every, webhook }` (every process; webhook processors only),
 * RECOMMENDED_SETTINGS by default (N8N_DEFAULTS: none); `line` may be a profile (its settings go
 * to every process). Each process logs to <logDir>/<name>.log.
 */
async function startCluster({
	line,
	tarball,
	postgres,
	redis,
	workers = 2,
	logLevel = 'debug',
	settings = RECOMMENDED_SETTINGS,
	logDir = path.join(WORK_DIR, 'logs'),
}) {
	const l = typeof line === 'string' ? e2e.getLine(line) : line;
	const root = path.join(WORK_DIR, 'users');
	fs.rmSync(root, { recursive: true, force: true });
	const names = [
		'main',
		...Array.from({ length: workers }, (_, i) => `worker-${i + 1}`),
		'webhook',
	];
	for (const name of names)
		e2e.installCommunityPackage(e2e.makeUserFolder(name, { root }), tarball);

	const webhookPort = await e2e.freePort();
	const webhookUrl = `http://127.0.0.1:${webhookPort}/`;
	const shared = {
		...queueEnv({
			postgres,
			redis,
			encryptionKey: randomBytes(24).toString('hex'),
			webhookUrl,
			logLevel,
		}),
		...settings.every,
	};
	const specs = new Map();

	async function start(name, role, ports = {}) {
		const { command, readyLog } = ROLES[role];
		const port = ports.port || (role === 'webhook' ? webhookPort : await e2e.freePort());
		const env = { ...shared, ...(role === 'webhook' ? settings.webhook : {}) };
		let healthPort;
		const args = [];
		if (role === 'worker') {
			healthPort = ports.healthPort || (await e2e.freePort());
			Object.assign(env, {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
			// One job at a time per worker: two batches started together then run on both workers.
			args.push('--concurrency=1');
		}
		const proc = await e2e.startN8n({
			line: l,
			userFolder: path.join(root, name),
			port,
			command,
			args,
			healthPort,
			readyLog,
			env,
			logFile: path.join(logDir, `${name}.log`),
			timeoutMs: 180000,
		});
		Object.assign(proc, { name, role });
		specs.set(proc, { name, role, ports: { port, healthPort } });
		return proc;
	}

	const cluster = {
		line: l,
		webhookUrl,
		env: shared,
		workers: [],
		settingsLabel: settingsLabel(settings),
	};
	try {
		// All at once: every process takes n8n's migration lock before touching the schema, so the
		// others wait while the first migrates the empty database.
		const started = await Promise.allSettled(
			names.map((n) => start(n, n === 'main' || n === 'webhook' ? n : 'worker')),
		);
		const procs = started.map((r) => r.value);
		cluster.main = procs[0];
		cluster.webhook = procs[procs.length - 1];
		cluster.workers = procs.slice(1, -1);
		const failed = started.find((r) => r.status === 'rejected');
		if (failed) throw failed.reason;
	} catch (error) {
		await stopAll(cluster);
		throw error;
	}

	cluster.processes = () => [cluster.main, ...cluster.workers, cluster.webhook].filter(Boolean);
	/** Stops these processes, then starts them again on the same ports and user folders. */
	cluster.restart = async (...procs) => {
		await Promise.all(procs.map((p) => p.stop()));
		const fresh = await Promise.all(
			procs.map((p) => start(specs.get(p).name, specs.get(p).role, specs.get(p).ports)),
		);
		procs.forEach((old, i) => {
			for (const key of ['main', 'webhook']) if (cluster[key] === old) cluster[key] = fresh[i];
			cluster.workers = cluster.workers.map((w) => (w === old ? fresh[i] : w));
		});
		return fresh;
	};
	cluster.stop = () => stopAll(cluster);
	/** Every log file the processes wrote (all starts), by name. */
	cluster.logs = () =>
		Object.fromEntries(names.map((n) => [n, readOr(path.join(logDir, `${n}.log`))]));
	return cluster;
}

function readOr(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

async function stopAll(cluster) {
	const procs = [cluster.webhook, ...(cluster.workers || []), cluster.main].filter(Boolean);
	await Promise.all(procs.map((p) => p.stop().catch(() => {})));
}

/** Which worker's log says it started n8n execution `id` ("Worker started execution <id> (job …)"). */
function workerThatRan(cluster, executionId) {
	const logs = cluster.logs();
	const pattern = new RegExp(`Worker started execution ${executionId} \\(job`);
	return Object.keys(logs).filter((name) => name.startsWith('worker-') && pattern.test(logs[name]));
}

module.exports = {
	startCluster,
	workerThatRan,
	RECOMMENDED_SETTINGS,
	N8N_DEFAULTS,
	settingsLabel,
	settingsText,
	PUBLISH_WAIT,
	WORK_DIR,
	QUEUE_DIR,
};
