'use strict';
// Start / stop a real n8n of one line on loopback, and run its CLI.
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const http = require('http');
const { spawn } = require('child_process');
const { getLine } = require('./lines');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** freePort() -> a TCP port on 127.0.0.1 that was free a moment ago. */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

// Variables from the caller's environment that would change how n8n behaves: dropped, so a
// developer's own n8n settings never leak into the suite.
const FOREIGN_ENV =
	/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|CREDENTIALS_|NODES_|EXTERNAL_|VUE_APP_|NODE_FUNCTION_ALLOW_)/;

/**
 * n8nEnv({line, userFolder, port, brokerPort, extra}) -> env object for an n8n process:
 * loopback only, own port / runner-broker port / user folder, everything that calls out off,
 * then the line's profile settings (line.env), then `extra`.
 */
function n8nEnv({ line, userFolder, port, brokerPort, extra = {} }) {
	const l = typeof line === 'string' ? getLine(line) : line;
	const env = {};
	for (const [k, v] of Object.entries(process.env)) if (!FOREIGN_ENV.test(k)) env[k] = v;
	Object.assign(env, {
		PATH: `${path.dirname(l.nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
		TZ: 'UTC',
		GENERIC_TIMEZONE: 'UTC',
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_PORT: String(port),
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: 'info',
		DB_TYPE: 'sqlite',
	});
	if (l.major >= 2) {
		env.N8N_DISABLED_MODULES = 'mcp-registry'; // calls out at every start; 1.x refuses the name
		// 2.x reads N8N_WEBHOOK_URL (WEBHOOK_URL still works but is reported as deprecated)
		env.N8N_WEBHOOK_URL = env.WEBHOOK_URL;
		delete env.WEBHOOK_URL;
		env.N8N_UNVERIFIED_PACKAGES_ENABLED = 'true'; // today's default, said explicitly (quiet)
	} else {
		env.DB_SQLITE_POOL_SIZE = '1'; // 1.x warns at every start without it
	}
	return Object.assign(env, l.env, extra);
}

function get(url, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode, body }));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (error) => resolve({ status: 0, error }));
	});
}

function tail(file, lines = 60) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * startN8n({line, userFolder, port?, brokerPort?, env?, logFile?, timeoutMs = 120000, readyLog = true,
 *           command = 'start', args = [], healthPort?})
 *   -> Promise<N8nProcess>: { line, userFolder, port, brokerPort, baseUrl, webhookUrl, logFile,
 *        pid, env, command, startedInMs, stop({timeoutMs}) -> Promise<exitCode|signal>,
 *        log() -> string, waitForLog(regex, {timeoutMs, from}) -> Promise<string>, exited: boolean }
 * Resolves once GET /healthz answers 200 and (readyLog) the log says "Editor is now accessible"
 * (1.x activates workflows before printing it). Rejects with the log's tail if n8n dies first.
 * Queue mode: `command` 'worker' or 'webhook' runs `n8n worker` / `n8n webhook` instead;
 * `healthPort` is where /healthz answers when that is not `port` (a worker's
 * QUEUE_HEALTH_CHECK_PORT); `readyLog` may be the RegExp that marks that process ready.
 */
async function startN8n(opts) {
	const line = typeof opts.line === 'string' ? getLine(opts.line) : opts.line;
	if (!line.installed) throw new Error(`${line.id} is not installed: run bash test/e2e/install.sh`);
	const userFolder = path.resolve(opts.userFolder);
	const port = opts.port || (await freePort());
	let brokerPort = opts.brokerPort || (await freePort());
	while (brokerPort === port) brokerPort = await freePort();
	const logFile = opts.logFile || path.join(userFolder, `n8n-${line.id}.log`);
	const env = n8nEnv({ line, userFolder, port, brokerPort, extra: opts.env });
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
	const fd = fs.openSync(logFile, 'a');
	fs.writeSync(
		fd,
		`\n===== ${new Date().toISOString()} ${opts.command || 'start'} ${line.id} (n8n ${line.n8nVersion}, node ${line.nodeVersion}) port ${port} broker ${brokerPort}\n`,
	);
	const t0 = Date.now();
	// detached: its own process group, so stop() also reaches the task runner it spawns.
	const command = opts.command || 'start';
	const child = spawn(line.nodeBin, [line.n8nBin, command, ...(opts.args || [])], {
		cwd: userFolder,
		env,
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	fs.closeSync(fd);
	const proc = {
		line,
		userFolder,
		port,
		brokerPort,
		baseUrl: `http://127.0.0.1:${port}`,
		webhookUrl: `http://127.0.0.1:${port}/`,
		logFile,
		pid: child.pid,
		env,
		command,
		exited: false,
		exitCode: undefined,
		startedInMs: undefined,
		log: () => {
			try {
				return fs.readFileSync(logFile, 'utf8').slice(logStart);
			} catch {
				return '';
			}
		},
		async waitForLog(regex, { timeoutMs = 60000, from = 0 } = {}) {
			const end = Date.now() + timeoutMs;
			for (;;) {
				const text = proc.log().slice(from);
				const m = text.match(regex);
				if (m) return m[0];
				if (proc.exited)
					throw new Error(`n8n ${line.id} exited while waiting for ${regex}\n${tail(logFile)}`);
				if (Date.now() > end)
					throw new Error(`timed out waiting for ${regex} in ${logFile}\n${tail(logFile)}`);
				await sleep(200);
			}
		},
		stop: (o) => stopN8n(proc, o),
	};
	const exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			proc.exited = true;
			proc.exitCode = code ?? signal;
			resolve(proc.exitCode);
		});
	});
	proc._exited = exited;
	// Don't keep the runner alive for n8n, but do make sure n8n dies with the runner.
	child.unref();
	registerForCleanup(proc);

	const deadline = t0 + (opts.timeoutMs || 120000);
	try {
		for (;;) {
			if (proc.exited)
				throw new Error(`n8n ${line.id} exited (${proc.exitCode}) before it was healthy`);
			const r = await get(`http://127.0.0.1:${opts.healthPort || port}/healthz`);
			if (r.status === 200) break;
			if (Date.now() > deadline)
				throw new Error(`n8n ${line.id} not healthy after ${opts.timeoutMs || 120000} ms`);
			await sleep(250);
		}
		if (opts.readyLog !== false) {
			const ready =
				opts.readyLog instanceof RegExp ? opts.readyLog : /Editor is now accessible via/;
			await proc.waitForLog(ready, { timeoutMs: Math.max(1000, deadline - Date.now()) });
		}
	} catch (e) {
		await stopN8n(proc).catch(() => {});
		e.message += `\n--- ${logFile} (tail) ---\n${tail(logFile)}`;
		throw e;
	}
	proc.startedInMs = Date.now() - t0;
	return proc;
}

/**
 * stopN8n(proc, {timeoutMs = 30000}) -> exit code / signal. SIGTERM to n8n's process group
 * (n8n shuts down gracefully on it, deregistering nothing: webhooks of active workflows stay
 * registered remotely, as on a real restart), then SIGKILL after timeoutMs.
 */
async function stopN8n(proc, { timeoutMs = 30000 } = {}) {
	if (!proc.exited) {
		try {
			process.kill(-proc.pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
		const timer = sleep(timeoutMs).then(() => 'timeout');
		if ((await Promise.race([proc._exited, timer])) === 'timeout') {
			try {
				process.kill(-proc.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
			await proc._exited;
		}
	}
	// The task runner may outlive n8n for a moment: make sure the group is gone.
	try {
		process.kill(-proc.pid, 'SIGKILL');
	} catch {
		/* gone */
	}
	unregisterForCleanup(proc);
	return proc.exitCode;
}

const live = new Set();
let hooked = false;
let killOnSignals = true;
/**
 * leaveSignalsToCaller(): SIGINT/SIGTERM/SIGHUP no longer SIGKILL the n8n processes and exit;
 * the caller stops them itself (gracefully, e.g. the demo on Ctrl-C). Leftovers are still
 * killed when the runner exits. Call before the first startN8n.
 */
function leaveSignalsToCaller() {
	killOnSignals = false;
}
function registerForCleanup(proc) {
	live.add(proc);
	if (hooked) return;
	hooked = true;
	const killAll = () => {
		for (const p of live) {
			try {
				process.kill(-p.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
		live.clear();
	};
	process.on('exit', killAll);
	if (!killOnSignals) return;
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(sig, () => {
			killAll();
			process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
		});
	}
}
function unregisterForCleanup(proc) {
	live.delete(proc);
}

/**
 * runCli({line, userFolder, args, env?, timeoutMs = 120000, brokerPort?})
 *   -> Promise<{code, signal, stdout, stderr, ms}>
 * Runs `n8n <args...>` of that line against that user folder (same SQLite database and
 * encryption key as a server started on it; works while that server runs).
 * Never throws on a non-zero exit: check `code`.
 */
async function runCli({ line, userFolder, args, env: extra, timeoutMs = 120000, brokerPort }) {
	const l = typeof line === 'string' ? getLine(line) : line;
	const port = await freePort();
	const env = n8nEnv({
		line: l,
		userFolder: path.resolve(userFolder),
		port,
		brokerPort: brokerPort || (await freePort()),
		extra: { N8N_LOG_LEVEL: 'warn', ...extra },
	});
	const t0 = Date.now();
	// stdout goes to a file, not a pipe: n8n exits right after logging a run, and a run of a few
	// MB written to a pipe has come back cut short; writes to a file are complete when it exits.
	const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cli-')), 'stdout.log');
	const outFd = fs.openSync(outFile, 'w');
	return new Promise((resolve) => {
		const child = spawn(l.nodeBin, [l.n8nBin, ...args], {
			cwd: userFolder,
			env,
			stdio: ['ignore', outFd, 'pipe'],
			detached: true,
		});
		fs.closeSync(outFd);
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			stderr += `\n[runCli] timed out after ${timeoutMs} ms, killing`;
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}, timeoutMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			try {
				process.kill(-child.pid, 'SIGKILL'); // leftover task runner, if any
			} catch {
				/* gone */
			}
			const stdout = fs.readFileSync(outFile, 'utf8');
			fs.rmSync(path.dirname(outFile), { recursive: true, force: true });
			resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 });
		});
	});
}

function cliError(what, r) {
	return new Error(
		`${what} failed (exit ${r.code ?? r.signal}, ${r.ms} ms)\n--- stdout ---\n${r.stdout.slice(-4000)}\n--- stderr ---\n${r.stderr.slice(-4000)}`,
	);
}

/** Writes `data` to a temp JSON file under the user folder and runs `n8n <command> --input=file`. */
async function importJson({ line, userFolder, command, data }) {
	const dir = path.join(userFolder, 'imports');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(
		dir,
		`${command.replace(/\W/g, '_')}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`,
	);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	const r = await runCli({ line, userFolder, args: [command, `--input=${file}`] });
	if (r.code !== 0) throw cliError(command, r);
	return r;
}

/**
 * importCredentials({line, userFolder, credentials: [{id, name, type, data}]})
 * `data` is the plain object; n8n encrypts it with the user folder's key.
 */
function importCredentials({ line, userFolder, credentials }) {
	return importJson({ line, userFolder, command: 'import:credentials', data: credentials });
}

/**
 * importWorkflows({line, userFolder, workflows: [{id, name, nodes, connections, settings?}]})
 * Everything is imported inactive. Give ids yourself (strings of 16 alphanumerics work on both lines).
 */
function importWorkflows({ line, userFolder, workflows }) {
	const wfs = workflows.map((w) => ({ active: false, settings: {}, pinData: {}, ...w }));
	return importJson({ line, userFolder, command: 'import:workflow', data: wfs });
}

/**
 * setActiveCli({line, userFolder, id, active}) -> cli result
 * CLI (de)activation: changes only the database, takes effect at the next start of n8n.
 * 1.x `update:workflow --id=X --active=true|false`; 2.x `publish:workflow --id=X` /
 * `unpublish:workflow --id=X`. Beware (1.x): `--active=false` while n8n runs drops the URL
 * without calling the trigger's delete(), so the remote hook is orphaned: prefer REST there.
 */
async function setActiveCli({ line, userFolder, id, active }) {
	const l = typeof line === 'string' ? getLine(line) : line;
	const args =
		l.major >= 2
			? [active ? 'publish:workflow' : 'unpublish:workflow', `--id=${id}`]
			: ['update:workflow', `--id=${id}`, `--active=${Boolean(active)}`];
	const r = await runCli({ line: l, userFolder, args });
	if (r.code !== 0) throw cliError(args.join(' '), r);
	return r;
}

/**
 * executeWorkflow({line, userFolder, id, allowFailure = false, timeoutMs, env}) -> Promise<{run, ok, code, errors, ms, stdout, stderr}>
 * `n8n execute --id=<id> --rawOutput`: runs a workflow that starts with a Manual Trigger
 * through n8n's engine (execution mode 'cli', saved like any other execution). `run` is the
 * IRun n8n prints: {data: {resultData: {runData, lastNodeExecuted, error?}}, mode, status,
 * startedAt, finished}; `outputItems(run, nodeName)` reads a node's items from it.
 * The CLI prints through its logger at level info (N8N_LOG_LEVEL=warn would hide the result), so
 * it runs with N8N_LOG_FORMAT=json: one JSON log record a line, the run being the message that
 * parses as an IRun (n8n 1.85 prints plain text: the run is then the indented JSON block). On a failed run n8n exits non-zero and logs the failed IRun at info level:
 * this throws, unless allowFailure, in which case `run` is that failed IRun (ok: false) and
 * `errors` the error-level messages. `env`: settings of the n8n the CLI stands in for (as startN8n's), over the line's own (line.env).
 */
async function executeWorkflow({
	line,
	userFolder,
	id,
	allowFailure = false,
	timeoutMs = 120000,
	env = {},
}) {
	const r = await runCli({
		line,
		userFolder,
		args: ['execute', `--id=${id}`, '--rawOutput'],
		timeoutMs,
		env: { ...env, N8N_LOG_LEVEL: 'info', N8N_LOG_FORMAT: 'json', NO_COLOR: '1' },
	});
	const { run, errors } = parseCliLog(r.stdout);
	const succeeded =
		run !== undefined && !(run.data && run.data.resultData && run.data.resultData.error);
	const ok = succeeded && (r.code === 0 || diedAfterFinishedRun(r, run));
	if (!ok && !allowFailure) throw cliError(`n8n execute --id=${id}`, r);
	if (ok && r.code !== 0) {
		console.log(
			`       (n8n execute --id=${id}: the run finished, then n8n died with ${r.signal})`,
		);
	}
	return { run, ok, code: r.code, errors, ms: r.ms, stdout: r.stdout, stderr: r.stderr };
}

// n8n 1.123's CLI now and then dies with SIGSEGV while it exits, after it printed (and saved) a
// finished run: in the teardown of isolated-vm, its default expression engine (3 of 8 calls on a
// busy machine; none of 8 with N8N_EXPRESSION_ENGINE=legacy). n8n's crash, not the workflow's.
function diedAfterFinishedRun(r, run) {
	return r.code === null && r.signal === 'SIGSEGV' && run.finished === true;
}

// Reads the JSON-format log the CLI wrote: the last message that is an IRun, and error messages.
function parseCliLog(text) {
	let run;
	const errors = [];
	for (const raw of text.split('\n')) {
		const lineText = raw.trim();
		if (!lineText.startsWith('{')) continue;
		let rec;
		try {
			rec = JSON.parse(lineText);
		} catch {
			continue;
		}
		if (typeof rec.message !== 'string') continue;
		if (rec.level === 'error') errors.push(rec.message);
		const m = rec.message.trim();
		if (!m.startsWith('{')) continue;
		try {
			const v = JSON.parse(m);
			if (v && v.data && v.data.resultData) run = v;
		} catch {
			/* not JSON */
		}
	}
	if (run === undefined) run = plainTextRun(text);
	return { run, errors };
}

// n8n before JSON logs (1.85 ignores N8N_LOG_FORMAT) prints the run as indented JSON, alone from
// a line "{" to a line "}" (after "Execution error:" when it failed): the last such block.
function plainTextRun(text) {
	const lines = text.split('\n');
	for (let end = lines.length - 1; end >= 0; end--) {
		if (lines[end].trimEnd() !== '}') continue;
		for (let start = end - 1; start >= 0; start--) {
			if (lines[start].trimEnd() !== '{') continue;
			try {
				const v = JSON.parse(lines.slice(start, end + 1).join('\n'));
				if (v && v.data && v.data.resultData) return v;
			} catch {
				/* not this block */
			}
		}
	}
	return undefined;
}

module.exports = {
	freePort,
	n8nEnv,
	startN8n,
	stopN8n,
	leaveSignalsToCaller,
	runCli,
	importCredentials,
	importWorkflows,
	executeWorkflow,
	setActiveCli,
	parseCliLog,
	httpGet: get,
};
