'use strict';
// Redis and Postgres from Debian's packages, as throw-away servers on loopback ports: installed
// with apt-get when missing, data in a fresh temp folder owned by the service user (Postgres
// refuses to run as root), stopped and removed afterwards, also on failure and Ctrl-C.
const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const { spawn, spawnSync, execFileSync } = require('child_process');
const { freePort } = require('../../e2e/lib');
const { onExit } = require('./cleanup');

const PG_ROOT = '/usr/lib/postgresql';
const REDIS_BIN = '/usr/bin/redis-server';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The newest installed Postgres's bin folder (Debian 12: /usr/lib/postgresql/15/bin), or null. */
function pgBin() {
	const versions = fs.existsSync(PG_ROOT)
		? fs.readdirSync(PG_ROOT).filter((v) => fs.existsSync(path.join(PG_ROOT, v, 'bin', 'postgres')))
		: [];
	versions.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(PG_ROOT, versions[0], 'bin') : null;
}

/** Installs redis-server / postgresql with apt-get when their binaries are missing. */
function ensurePackages() {
	const missing = [];
	if (!fs.existsSync(REDIS_BIN)) missing.push('redis-server');
	if (!pgBin()) missing.push('postgresql');
	if (missing.length === 0) return [];
	if (process.getuid() !== 0)
		throw new Error(
			`missing ${missing.join(', ')}: install them (apt-get install -y ${missing.join(' ')}) or run as root`,
		);
	// Another apt run may hold the lock for a while: wait for it rather than fail.
	const apt = (args) => {
		const r = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		if (r.status !== 0)
			throw new Error(
				`apt-get ${args.join(' ')} failed (${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`,
			);
	};
	apt(['update']);
	apt(['install', '-y', '--no-install-recommends', ...missing]);
	return missing;
}

/** uid/gid of a system user, to run a server as that user when we are root. */
function userIds(name) {
	if (process.getuid() !== 0) return {};
	const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
	return { uid, gid };
}

/** A fresh temp folder owned by that user (mode 700). */
function dataDir(prefix, ids) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	if (ids.uid !== undefined) fs.chownSync(dir, ids.uid, ids.gid);
	fs.chmodSync(dir, 0o700);
	return dir;
}

/** Spawns a server in its own process group, its output appended to logFile. */
function spawnServer(bin, args, { ids, logFile, cwd }) {
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(bin, args, {
		cwd,
		stdio: ['ignore', fd, fd],
		detached: true,
		...ids,
		env: { PATH: process.env.PATH, LANG: 'C.UTF-8' },
	});
	fs.closeSync(fd);
	child.unref();
	const server = { pid: child.pid, exited: false };
	server.done = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			server.exited = true;
			resolve(code ?? signal);
		}),
	);
	return server;
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		/* gone */
	}
}

/** Stops a server gracefully (signal), then kills its group; removes its data folder. */
async function stopServer(server, dir, signal, timeoutMs = 15000) {
	if (!server.exited) {
		killGroup(server.pid, signal);
		if ((await Promise.race([server.done, sleep(timeoutMs).then(() => 'timeout')])) === 'timeout')
			killGroup(server.pid, 'SIGKILL');
		await Promise.race([server.done, sleep(2000)]);
	}
	killGroup(server.pid, 'SIGKILL');
	fs.rmSync(dir, { recursive: true, force: true });
}

/** Resolves once a TCP connection to 127.0.0.1:port gets `expect` back for `send`. */
async function waitForTcp(port, { send, expect, server, timeoutMs = 30000, what }) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const answer = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			let text = '';
			socket.setTimeout(1000, () => socket.destroy());
			socket.on('connect', () => socket.write(send));
			socket.on('data', (d) => {
				text += d;
				if (text.includes('\n')) socket.end();
			});
			socket.on('close', () => resolve(text));
			socket.on('error', () => resolve(''));
		});
		if (answer.includes(expect)) return;
		if (server.exited) throw new Error(`${what} exited before answering`);
		if (Date.now() > end) throw new Error(`${what} not answering on ${port} after ${timeoutMs} ms`);
		await sleep(200);
	}
}

/** startRedis({logDir}) -> {port, stop()}: redis-server on 127.0.0.1, nothing saved to disk. */
async function startRedis({ logDir }) {
	const port = await freePort();
	const ids = userIds('redis');
	const dir = dataDir('benchwork-queue-redis-', ids);
	const server = spawnServer(
		REDIS_BIN,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		],
		{
			ids,
			cwd: dir,
			logFile: path.join(logDir, 'redis.log'),
		},
	);
	const stop = () => stopServer(server, dir, 'SIGTERM');
	const unregister = onExit(() => {
		killGroup(server.pid, 'SIGKILL');
		fs.rmSync(dir, { recursive: true, force: true });
	});
	await waitForTcp(port, { send: 'PING\r\n', expect: '+PONG', server, what: 'redis-server' });
	return {
		port,
		pid: server.pid,
		async stop() {
			unregister();
			await stop();
		},
	};
}

/**
 * startPostgres({logDir, database}) -> {port, database, user, stop(), dump()}: a fresh cluster
 * (trust auth on loopback), run as the postgres user when we are root. fsync is off: the data
 * is thrown away anyway, and the run is quicker on a slow disk.
 */
async function startPostgres({ logDir, database = 'n8n' }) {
	const bin = pgBin();
	if (!bin) throw new Error(`no Postgres under ${PG_ROOT}: run ensurePackages() first`);
	const port = await freePort();
	const ids = userIds('postgres');
	const dir = dataDir('benchwork-queue-pg-', ids);
	const data = path.join(dir, 'data');
	const logFile = path.join(logDir, 'postgres.log');
	const unregister = onExit(() => {
		if (server) killGroup(server.pid, 'SIGKILL');
		fs.rmSync(dir, { recursive: true, force: true });
	});
	let server;
	const init = spawnSync(
		path.join(bin, 'initdb'),
		['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'],
		{ ...ids, cwd: dir, encoding: 'utf8' },
	);
	if (init.status !== 0) {
		unregister();
		fs.rmSync(dir, { recursive: true, force: true });
		throw new Error(`initdb failed (${init.status ?? init.error}):\n${init.stdout}${init.stderr}`);
	}
	server = spawnServer(
		path.join(bin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		],
		{
			ids,
			cwd: dir,
			logFile,
		},
	);
	const psql = (args, opts = {}) => {
		const r = spawnSync(
			path.join(bin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'postgres',
				'-v',
				'ON_ERROR_STOP=1',
				'-X',
				'-q',
				...args,
			],
			{ encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...opts },
		);
		if (r.status !== 0) throw new Error(`psql ${args.join(' ')} failed: ${r.stderr || r.error}`);
		return r.stdout;
	};
	const end = Date.now() + 30000;
	for (;;) {
		const ready = spawnSync(
			path.join(bin, 'pg_isready'),
			['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'],
			{ encoding: 'utf8' },
		);
		if (ready.status === 0) break;
		if (server.exited || Date.now() > end) {
			await stopServer(server, dir, 'SIGINT');
			unregister();
			throw new Error(
				`postgres did not come up on ${port}:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`,
			);
		}
		await sleep(200);
	}
	psql(['-d', 'postgres', '-c', `create database ${database}`]);
	return {
		port,
		database,
		user: 'postgres',
		pid: server.pid,
		psql,
		/** The whole database as SQL text (data included), to search for secrets. */
		dump() {
			const r = spawnSync(
				path.join(bin, 'pg_dump'),
				['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '--no-owner', database],
				{ encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 },
			);
			if (r.status !== 0) throw new Error(`pg_dump failed: ${r.stderr || r.error}`);
			return r.stdout;
		},
		async stop() {
			unregister();
			// SIGINT: Postgres's "fast" shutdown (ends sessions, no waiting for clients).
			await stopServer(server, dir, 'SIGINT');
		},
	};
}

module.exports = { ensurePackages, startRedis, startPostgres, pgBin };
