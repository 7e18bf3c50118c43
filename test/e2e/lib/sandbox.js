'use strict';
// The Benchwork sandbox (test/sandbox, see its SPEC.md) as a separate process on loopback, plus a
// client for its /_sandbox control endpoints. The sandbox runs on the runner's own Node.
const fs = require('fs');
const path = require('path');
const http = require('http');
const { spawn } = require('child_process');
const { freePort } = require('./n8n');
const { WORK_DIR } = require('./lines');

const SANDBOX_CLI = path.resolve(__dirname, '..', '..', 'sandbox', 'cli.js');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function call(origin, method, p, body) {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
		const headers = payload
			? { 'content-type': 'application/json', 'content-length': payload.length }
			: {};
		const req = http.request(`${origin}${p}`, { method, headers, timeout: 30000 }, (res) => {
			const chunks = [];
			res.on('data', (d) => chunks.push(d));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json;
				try {
					json = text ? JSON.parse(text) : undefined;
				} catch {
					json = text;
				}
				if (res.statusCode >= 400)
					return reject(
						Object.assign(new Error(`${method} ${p} -> ${res.statusCode}: ${text.slice(0, 500)}`), {
							status: res.statusCode,
							body: json,
						}),
					);
				resolve(json);
			});
		});
		req.on('timeout', () => req.destroy(new Error(`${method} ${p}: timeout`)));
		req.on('error', reject);
		if (payload) req.write(payload);
		req.end();
	});
}

/** Control client for a sandbox at `origin` (http://127.0.0.1:<port>), mirroring SPEC.md. */
class SandboxControl {
	constructor(origin) {
		this.origin = origin.replace(/\/$/, '');
		this.baseUrl = `${this.origin}/api/v1`;
	}
	reset() {
		return call(this.origin, 'POST', '/_sandbox/reset', {});
	}
	configure(cfg) {
		return call(this.origin, 'POST', '/_sandbox/config', cfg);
	}
	addFault(f) {
		return call(this.origin, 'POST', '/_sandbox/faults', f);
	}
	clearFaults() {
		return call(this.origin, 'DELETE', '/_sandbox/faults');
	}
	stats() {
		return call(this.origin, 'GET', '/_sandbox/stats');
	}
	setWorkflow(id, patch) {
		return call(this.origin, 'PUT', `/_sandbox/workflows/${encodeURIComponent(id)}`, patch);
	}
	finishExecution(id, body = { status: 'success' }) {
		return call(this.origin, 'POST', `/_sandbox/executions/${encodeURIComponent(id)}/finish`, body);
	}
	/** A running or finished execution as given ({ workflowId, status, startedAt, finishedAt, error, ... }). */
	createExecution(spec) {
		return call(this.origin, 'POST', '/_sandbox/executions', spec);
	}
	webhooks() {
		return call(this.origin, 'GET', '/_sandbox/webhooks');
	}
	deliver(body) {
		return call(this.origin, 'POST', '/_sandbox/deliver', body);
	}
	deliveries() {
		return call(this.origin, 'GET', '/_sandbox/deliveries');
	}
	echo() {
		return call(this.origin, 'GET', '/_sandbox/echo');
	}
	/** The public API, e.g. api('POST', '/workflows/wf_x/trigger', {}, key). */
	api(method, p, body, key) {
		return new Promise((resolve, reject) => {
			const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
			const headers = {
				authorization: `Bearer ${key}`,
				...(payload
					? { 'content-type': 'application/json', 'content-length': payload.length }
					: {}),
			};
			const req = http.request(`${this.baseUrl}${p}`, { method, headers }, (res) => {
				const chunks = [];
				res.on('data', (d) => chunks.push(d));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json = text;
					try {
						json = text ? JSON.parse(text) : undefined;
					} catch {
						/* text */
					}
					resolve({ status: res.statusCode, headers: res.headers, body: json });
				});
			});
			req.on('error', reject);
			if (payload) req.write(payload);
			req.end();
		});
	}
	/** Polls fn() until it returns a truthy value. */
	async waitFor(fn, { timeoutMs = 30000, intervalMs = 200, what = 'condition' } = {}) {
		const end = Date.now() + timeoutMs;
		for (;;) {
			const v = await fn();
			if (v) return v;
			if (Date.now() > end) throw new Error(`sandbox: timed out waiting for ${what}`);
			await sleep(intervalMs);
		}
	}
}

/**
 * startSandboxProcess({port?, args = [], logFile?, nodeBin = process.execPath, timeoutMs = 20000})
 *   -> Promise<SandboxControl & {port, pid, logFile, stop()}>
 * Spawns `node test/sandbox/cli.js --port <port> ...args` and waits until /_sandbox/stats answers.
 */
async function startSandboxProcess({
	port,
	args = [],
	logFile,
	nodeBin = process.execPath,
	timeoutMs = 20000,
} = {}) {
	if (!fs.existsSync(SANDBOX_CLI)) throw new Error(`no sandbox at ${SANDBOX_CLI}`);
	port = port || (await freePort());
	logFile = logFile || path.join(WORK_DIR, 'logs', `sandbox-${port}.log`);
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(
		nodeBin,
		[SANDBOX_CLI, '--port', String(port), '--host', '127.0.0.1', ...args],
		{ stdio: ['ignore', fd, fd], detached: true },
	);
	fs.closeSync(fd);
	child.unref();
	let exited = false;
	const done = new Promise((r) =>
		child.on('exit', (c, s) => {
			exited = true;
			r(c ?? s);
		}),
	);
	const kill = (sig) => {
		try {
			process.kill(-child.pid, sig);
		} catch {
			/* gone */
		}
	};
	process.on('exit', () => kill('SIGKILL'));
	const sb = new SandboxControl(`http://127.0.0.1:${port}`);
	Object.assign(sb, {
		port,
		pid: child.pid,
		logFile,
		async stop() {
			if (!exited) {
				kill('SIGTERM');
				if ((await Promise.race([done, sleep(5000).then(() => 'timeout')])) === 'timeout')
					kill('SIGKILL');
			}
			return done;
		},
	});
	const end = Date.now() + timeoutMs;
	for (;;) {
		if (exited)
			throw new Error(
				`sandbox exited before answering; log:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`,
			);
		try {
			await sb.stats();
			return sb;
		} catch {
			if (Date.now() > end) {
				await sb.stop();
				throw new Error(`sandbox not answering on ${port} after ${timeoutMs} ms`);
			}
			await sleep(100);
		}
	}
}

module.exports = { SandboxControl, startSandboxProcess, SANDBOX_CLI };
