#!/usr/bin/env node
'use strict';
// npm run demo: n8n with this package loaded, against a local Benchwork sandbox, ready to click
// through. Ctrl-C (or SIGTERM) stops everything it started.
//   node demo/run.js [--port 5678] [--sandbox-port 4567] [--fresh]
const path = require('path');
const { startDemo, CREDENTIAL_NAME, DEFAULT_STATE_DIR } = require('./lib/stack');
const { readOptions } = require('./lib/options');
const { stopAll } = require('./lib/progress');
const { ROOT } = require('./lib/packageBuild');
const { httpGet } = require('../test/e2e/lib');

const USAGE = `Usage: npm run demo [-- options]

  --port <n>           n8n's port (default 5678; a busy port is replaced by a free one)
  --sandbox-port <n>   the Benchwork sandbox's port (default 4567; same rule)
  --fresh              forget the demo's n8n data (owner, workflows, executions) and start anew
  --help               this text
`;

const log = (text) => console.log(`[demo] ${text}`);

function banner(demo) {
	const rel = (p) => path.relative(ROOT, p);
	const trigger = demo.examples.find((e) => /react to failed runs/.test(e.name));
	return [
		'',
		`Benchwork demo is up (n8n ${demo.line.n8nVersion} on Node ${demo.line.nodeVersion}), ready in ${(demo.startedInMs / 1000).toFixed(1)} s`,
		'',
		`  Editor      ${demo.editorUrl}`,
		`  Log in      ${demo.owner.email}  /  ${demo.owner.password}`,
		`  Credential  "${CREDENTIAL_NAME}": the local Benchwork sandbox at ${demo.sandbox.baseUrl}`,
		'  Workflows   ' + demo.examples.map((e) => e.name).join('\n              '),
		'',
		'  Try it: add a "Benchwork" node to a new workflow (Tab, type Benchwork), or open an example.',
		trigger
			? `  The trigger: open "${trigger.name}", publish (activate) it, then run the trigger-and-wait\n  example with the workflow "Payment capture": that run fails after a few seconds and starts it.`
			: '',
		demo.reRegistered.length
			? `  Registered again at the fresh sandbox: ${demo.reRegistered.join(', ')}`
			: '',
		'',
		`  Logs: ${rel(demo.n8n.logFile)}, ${rel(demo.sandbox.logFile)}.  Data: ${rel(DEFAULT_STATE_DIR)}/ (npm run demo -- --fresh forgets it)`,
		'  Ctrl-C stops n8n and the sandbox.',
		'',
	]
		.filter((l) => l !== '')
		.join('\n')
		.replace(/^(Benchwork demo is up.*)$/m, '\n$1\n');
}

async function main() {
	const args = readOptions(USAGE);

	let demo;
	let stopping = false;
	const stop = async (signal) => {
		if (stopping) {
			// A second Ctrl-C: don't wait for a graceful shutdown (the exit handlers SIGKILL what is left).
			process.exit(130);
		}
		stopping = true;
		log(`${signal}: stopping${demo ? ' n8n and the sandbox' : ''}`);
		stopAll('SIGTERM');
		if (demo) await demo.stop();
		log('stopped');
		process.exit(signal === 'SIGTERM' ? 143 : 130);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));

	log('starting: n8n 2.x + this package + a local Benchwork sandbox');
	try {
		demo = await startDemo({
			port: args.port,
			sandboxPort: args.sandboxPort,
			fresh: args.fresh,
			log,
		});
	} catch (error) {
		if (stopping) return;
		console.error(`[demo] could not start: ${error.stack || error.message}`);
		process.exit(1);
	}
	if (stopping) return demo.stop();
	console.log(banner(demo));
	// Stay up until a signal, or until n8n or the sandbox stops answering (n8n and the sandbox are
	// detached children and keep no handle open here: this timer is what keeps the demo running).
	let misses = 0;
	const parent = process.ppid;
	setInterval(async () => {
		if (stopping) return;
		// `kill <npm's pid>` ends npm without passing the signal on: follow whoever started us.
		if (process.ppid !== parent) return stop('parent gone');
		const [n8n, sandbox] = await Promise.all([
			httpGet(`${demo.n8n.baseUrl}/healthz`),
			httpGet(`${demo.sandbox.origin}/_sandbox/stats`),
		]);
		misses = n8n.status === 200 && sandbox.status === 200 ? 0 : misses + 1;
		if (demo.n8n.exited || misses >= 6) {
			console.error(
				`[demo] ${n8n.status === 200 ? 'the sandbox' : 'n8n'} stopped answering; see ${n8n.status === 200 ? demo.sandbox.logFile : demo.n8n.logFile}`,
			);
			stop('health check');
		}
	}, 5000);
}

main();
