#!/usr/bin/env node
'use strict';
// npm run dev: the development loop. Starts what `npm run demo` starts (n8n 2.x with this package
// installed as a community package, the sandbox, an owner, a credential, the examples; its own
// data in .demo/dev/), then runs n8n's own `n8n-node dev --external-n8n`, which copies the static
// files and keeps `tsc --watch` running. After every compile without errors (tsconfig's
// noEmitOnError: a compile with errors writes nothing) the changed files of the built package are
// put into n8n's installed copy. n8n runs with N8N_DEV_RELOAD=true, which watches every loaded
// node package (community packages in ~/.n8n/nodes too), drops the package's modules from Node's
// require cache and reloads its nodes and credentials: no restart, the editor picks up the new
// descriptions (reload the page for a changed field list). Ctrl-C stops n8n-node dev, n8n and the
// sandbox.
// n8n-node dev's own way to load the package, a link to this checkout in
// ~/.n8n-node-cli/.n8n/custom for the n8n it would start, is left unused: n8n loads that folder's
// nodes as CUSTOM.<name>, so the examples and saved workflows (n8n-nodes-benchwork.<name>) would
// not find them, and it loads every *.node.js under the link (n8n's own, in the e2e installs).
// The link must stay outside the checkout: n8n-node build and dev copy every .png/.svg they find
// under the checkout, following links, and a link back to it never ends.
//   node demo/dev.js [--port 5678] [--sandbox-port 4567] [--fresh]
const fs = require('fs');
const path = require('path');
const { startDemo, DEFAULT_STATE_DIR, CREDENTIAL_NAME } = require('./lib/stack');
const { readOptions } = require('./lib/options');
const { stopAll } = require('./lib/progress');
const { ROOT } = require('./lib/packageBuild');
const { nodesDir } = require('../test/e2e/lib');
const { watchWithN8nNode } = require('./lib/nodeCliDev');

const PACKAGE = require(path.join(ROOT, 'package.json'));
const PACKAGE_NAME = PACKAGE.name;
const STATE_DIR = path.join(DEFAULT_STATE_DIR, 'dev');
const USAGE = `Usage: npm run dev [-- options]

Builds the package, starts n8n 2.x with it (and the Benchwork sandbox), then rebuilds on every
change under nodes/ or credentials/ (n8n-node dev --external-n8n) and reloads the package in the
running n8n.

  --port <n>           n8n's port (default 5678; a busy port is replaced by a free one)
  --sandbox-port <n>   the Benchwork sandbox's port (default 4567; same rule)
  --fresh              forget the dev n8n's data (.demo/dev/) and start anew
  --help               this text
`;

const log = (text) => console.log(`[dev] ${text}`);

/**
 * Puts the fresh build into the package n8n loaded: what package.json's `files` ships (n8n-node
 * dev's copy of the static files also puts docs and test images into dist/, which the package
 * does not ship). The installed package.json stays the one n8n's installer wrote (no dev or peer
 * dependencies). Files are replaced one by one, so n8n's watcher never sees the package without
 * its entry points.
 */
function syncBuild(installedDir) {
	let copied = 0;
	const walk = (rel) => {
		const from = path.join(ROOT, rel);
		if (!fs.existsSync(from)) return;
		if (fs.statSync(from).isDirectory()) {
			fs.mkdirSync(path.join(installedDir, rel), { recursive: true });
			for (const name of fs.readdirSync(from)) walk(path.join(rel, name));
			return;
		}
		const source = fs.readFileSync(from);
		const target = path.join(installedDir, rel);
		if (fs.existsSync(target) && fs.readFileSync(target).equals(source)) return;
		fs.writeFileSync(target, source);
		copied++;
	};
	for (const shipped of PACKAGE.files) walk(shipped);
	return copied;
}

async function main() {
	const args = readOptions(USAGE);

	let demo;
	let watcher;
	let stopping = false;
	const stop = async (signal) => {
		if (stopping) process.exit(130); // a second Ctrl-C: don't wait
		stopping = true;
		log(`${signal}: stopping n8n-node dev${demo ? ', n8n and the sandbox' : ''}`);
		if (watcher && watcher.exitCode === null) watcher.kill('SIGTERM');
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
			'  Edit nodes/ or credentials/: n8n-node dev rebuilds, n8n reloads the package (refresh the editor).',
			'  Ctrl-C stops everything.',
			'',
		].join('\n'),
	);

	let reloads = 0;
	const deliver = ({ quiet }) => {
		const copied = syncBuild(installedDir);
		if (!copied) return quiet || log('built: nothing changed in the package');
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
	};
	let watching = false;
	watcher = watchWithN8nNode({
		root: ROOT,
		onCompiling: () => log('change seen: compiling (n8n-node dev)'),
		onCompiled: (errors, errorLines) => {
			const first = !watching;
			if (first) log('n8n-node dev is watching nodes/ and credentials/');
			watching = true;
			if (errors) {
				// n8n-node dev's panel cuts lines at 80 columns: typecheck prints them whole.
				for (const line of errorLines) console.log(`  ${line}`);
				return log(
					`tsc: ${errors} error(s); n8n keeps the last good build (npm run typecheck prints them in full)`,
				);
			}
			// The first compile normally matches the build n8n loaded at start: nothing to copy.
			deliver({ quiet: first });
		},
		onExit: (code, lastLines) => {
			if (stopping) return;
			console.error(`[dev] n8n-node dev exited (${code})`);
			for (const line of lastLines) console.error(`  ${line}`);
			stop('n8n-node dev exited');
		},
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
