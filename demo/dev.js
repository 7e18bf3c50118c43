#!/usr/bin/env node
'use strict';
// npm run dev: the development loop. Starts what `npm run demo` starts (n8n 2.x with this package
// installed as a community package, the sandbox, an owner, a credential, the examples; its own
// data in .demo/dev/), then keeps `tsc --watch` running: after every compile without errors it
// copies the icons and codex (gulp build:icons) and puts the new dist/ into the installed
// package. n8n runs with N8N_DEV_RELOAD=true, which watches every loaded node package (community
// packages in ~/.n8n/nodes too), drops the package's modules from Node's require cache and
// reloads its nodes and credentials: no restart, the editor picks up the new descriptions
// (reload the page for a changed field list). Ctrl-C stops tsc, n8n and the sandbox.
//   node demo/dev.js [--port 5678] [--sandbox-port 4567] [--fresh]
const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { startDemo, DEFAULT_STATE_DIR, CREDENTIAL_NAME } = require('./lib/stack');
const { readOptions } = require('./lib/options');
const { stopAll } = require('./lib/progress');
const { ROOT } = require('./lib/packageBuild');
const { nodesDir } = require('../test/e2e/lib');

const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const STATE_DIR = path.join(DEFAULT_STATE_DIR, 'dev');
const USAGE = `Usage: npm run dev [-- options]

Builds the package, starts n8n 2.x with it (and the Benchwork sandbox), then rebuilds on every
change under nodes/ or credentials/ and reloads the package in the running n8n.

  --port <n>           n8n's port (default 5678; a busy port is replaced by a free one)
  --sandbox-port <n>   the Benchwork sandbox's port (default 4567; same rule)
  --fresh              forget the dev n8n's data (.demo/dev/) and start anew
  --help               this text
`;

const log = (text) => console.log(`[dev] ${text}`);
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

/**
 * Puts the fresh dist/ into the package n8n loaded. Only dist/ changes: the installed
 * package.json is the one n8n's installer wrote (no dev or peer dependencies). Files are replaced
 * one by one, so n8n's watcher never sees the package without its entry points.
 */
function syncDist(installedDir) {
	const from = path.join(ROOT, 'dist');
	const to = path.join(installedDir, 'dist');
	let copied = 0;
	const walk = (rel) => {
		for (const entry of fs.readdirSync(path.join(from, rel), { withFileTypes: true })) {
			const file = path.join(rel, entry.name);
			if (entry.isDirectory()) {
				fs.mkdirSync(path.join(to, file), { recursive: true });
				walk(file);
				continue;
			}
			const source = fs.readFileSync(path.join(from, file));
			const target = path.join(to, file);
			if (fs.existsSync(target) && fs.readFileSync(target).equals(source)) continue;
			fs.writeFileSync(target, source);
			copied++;
		}
	};
	walk('');
	return copied;
}

/** `tsc --watch`; calls onBuilt() after each compile that reports 0 errors. */
function watchBuild(onBuilt) {
	const tsc = spawn(
		process.execPath,
		[bin('tsc'), '--watch', '--preserveWatchOutput', '-p', 'tsconfig.json'],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	let buffer = '';
	let first = true;
	tsc.stdout.on('data', (chunk) => {
		buffer += chunk;
		const lines = buffer.split('\n');
		buffer = lines.pop();
		for (const raw of lines) {
			// Into a pipe, tsc writes plain lines (no colours), each after a clock time.
			const line = raw.trim();
			if (!line) continue;
			const found = /Found (\d+) errors?\. Watching for file changes\./.exec(line);
			if (/File change detected/.test(line)) log('change seen: compiling (tsc --watch)');
			else if (found) {
				if (found[1] !== '0') log(`tsc: ${found[1]} error(s) above; n8n keeps the last good build`);
				// The first compile is the build installPackage just made and n8n already loaded.
				else if (!first) onBuilt();
				first = false;
			} else if (!/Starting compilation in watch mode/.test(line)) console.log(`  ${line}`);
		}
	});
	return tsc;
}

async function main() {
	const args = readOptions(USAGE);

	let demo;
	let tsc;
	let stopping = false;
	const stop = async (signal) => {
		if (stopping) process.exit(130); // a second Ctrl-C: don't wait
		stopping = true;
		log(`${signal}: stopping tsc${demo ? ', n8n and the sandbox' : ''}`);
		if (tsc) tsc.kill('SIGTERM');
		stopAll('SIGTERM');
		if (demo) await demo.stop();
		log('stopped');
		process.exit(signal === 'SIGTERM' ? 143 : 130);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));

	log('starting: build, n8n 2.x with this package (hot reload on), the Benchwork sandbox');
	try {
		demo = await startDemo({
			stateDir: STATE_DIR,
			port: args.port,
			sandboxPort: args.sandboxPort,
			fresh: args.fresh,
			n8nEnv: { N8N_DEV_RELOAD: 'true' },
			log,
		});
	} catch (error) {
		if (stopping) return;
		console.error(`[dev] could not start: ${error.stack || error.message}`);
		process.exit(1);
	}
	if (stopping) return demo.stop();
	const installedDir = path.join(nodesDir(demo.n8n.userFolder), 'node_modules', PACKAGE_NAME);
	const rel = (p) => path.relative(ROOT, p);
	console.log(
		[
			'',
			`n8n ${demo.line.n8nVersion} is up with ${PACKAGE_NAME} from this checkout, in ${(demo.startedInMs / 1000).toFixed(1)} s`,
			`  Editor      ${demo.editorUrl}   (log in: ${demo.owner.email} / ${demo.owner.password})`,
			`  Credential  "${CREDENTIAL_NAME}": the sandbox at ${demo.sandbox.baseUrl}`,
			`  Logs        ${rel(demo.n8n.logFile)}, ${rel(demo.sandbox.logFile)}`,
			'  Edit nodes/ or credentials/: tsc rebuilds, n8n reloads the package (refresh the editor).',
			'  Ctrl-C stops everything.',
			'',
		].join('\n'),
	);

	let reloads = 0;
	tsc = watchBuild(() => {
		const gulp = spawnSync(process.execPath, [bin('gulp'), 'build:icons', '--silent'], {
			cwd: ROOT,
			encoding: 'utf8',
		});
		if (gulp.status !== 0) return log(`gulp build:icons failed:\n${gulp.stdout}${gulp.stderr}`);
		const copied = syncDist(installedDir);
		if (!copied) return log('built: nothing changed in dist/');
		const from = demo.n8n.log().length;
		reloads++;
		log(`built: ${copied} file(s) into n8n's copy of the package; waiting for n8n's reload`);
		demo.n8n
			.waitForLog(new RegExp(`Hot reload (triggered|failed) for ${PACKAGE_NAME}`), {
				timeoutMs: 30000,
				from,
			})
			.then((line) =>
				log(
					/failed/.test(line)
						? `n8n could not reload the package: see ${rel(demo.n8n.logFile)}`
						: `n8n reloaded ${PACKAGE_NAME} (${reloads})`,
				),
			)
			.catch(() => log(`n8n did not report a reload within 30 s: see ${rel(demo.n8n.logFile)}`));
	});
	tsc.on('exit', (code) => {
		if (!stopping) {
			console.error(`[dev] tsc --watch exited (${code})`);
			stop('tsc exited');
		}
	});

	// Stop when n8n dies, or when whoever started us is gone (`kill <npm's pid>`).
	const parent = process.ppid;
	setInterval(() => {
		if (stopping) return;
		if (process.ppid !== parent) return stop('parent gone');
		if (demo.n8n.exited) {
			console.error(`[dev] n8n exited; see ${rel(demo.n8n.logFile)}`);
			stop('n8n exited');
		}
	}, 2000);
}

main();
