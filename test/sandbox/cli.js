#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Runs the Benchwork sandbox as its own process:
 *   node test/sandbox/cli.js [--port 4567] [--host 127.0.0.1] [--rate-limit 60/60000] [--execution-delay 3000]
 * Prints the base URL and the keys; stops on SIGINT/SIGTERM.
 */

const { startSandbox, KEYS } = require('./server');

const USAGE = `Usage: node test/sandbox/cli.js [options]

  --port <n>              port to listen on (default 4567; 0 = any free port)
  --host <host>           interface to bind (default 127.0.0.1)
  --rate-limit <n>/<ms>   requests per window per key (default 60/60000)
  --execution-delay <ms>  run time of triggered executions whose workflow has no own duration (default 3000)
  --help                  show this text
`;

/**
 * @param {string[]} argv
 * @returns {{ port: number, host: string, limit: number, windowMs: number, executionDelayMs: number, help: boolean }}
 */
function parseArgs(argv) {
	const out = {
		port: 4567,
		host: '127.0.0.1',
		limit: 60,
		windowMs: 60000,
		executionDelayMs: 3000,
		help: false,
	};
	for (let i = 0; i < argv.length; i++) {
		let arg = argv[i];
		/** @type {string | undefined} */
		let value;
		const eq = arg.indexOf('=');
		if (arg.startsWith('--') && eq > 0) {
			value = arg.slice(eq + 1);
			arg = arg.slice(0, eq);
		}
		const next = () => {
			if (value !== undefined) return value;
			const v = argv[++i];
			if (v === undefined) throw new Error(`${arg} needs a value`);
			return v;
		};
		switch (arg) {
			case '--help':
			case '-h':
				out.help = true;
				break;
			case '--port': {
				const v = next();
				if (!/^\d+$/.test(v) || Number(v) > 65535)
					throw new Error(`--port must be an integer 0..65535, got "${v}"`);
				out.port = Number(v);
				break;
			}
			case '--host':
				out.host = next();
				break;
			case '--rate-limit': {
				const v = next();
				const m = /^(\d+)\/(\d+)$/.exec(v);
				if (!m || Number(m[2]) < 1)
					throw new Error(`--rate-limit must look like 60/60000 (requests/windowMs), got "${v}"`);
				out.limit = Number(m[1]);
				out.windowMs = Number(m[2]);
				break;
			}
			case '--execution-delay': {
				const v = next();
				if (!/^\d+$/.test(v))
					throw new Error(`--execution-delay must be an integer number of ms, got "${v}"`);
				out.executionDelayMs = Number(v);
				break;
			}
			default:
				throw new Error(`unknown option ${arg}`);
		}
	}
	return out;
}

async function main() {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
		process.exit(2);
	}
	if (args.help) {
		process.stdout.write(USAGE);
		return;
	}
	const sandbox = await startSandbox({
		port: args.port,
		host: args.host,
		rateLimit: { limit: args.limit, windowMs: args.windowMs },
		executionDelayMs: args.executionDelayMs,
	});
	process.stdout.write(
		[
			`Benchwork sandbox listening`,
			`  base URL:   ${sandbox.baseUrl}`,
			`  control:    ${sandbox.origin}/_sandbox (reset, config, faults, stats, ...; see test/sandbox/README.md)`,
			`  keys (Authorization: Bearer <key>):`,
			`    enterprise   ${KEYS.enterprise}`,
			`    enterprise2  ${KEYS.enterprise2}`,
			`    starter      ${KEYS.starter}  (403 plan_required)`,
			`  rate limit: ${args.limit} requests / ${args.windowMs} ms per key; execution delay ${args.executionDelayMs} ms`,
			`Ctrl+C to stop.`,
			'',
		].join('\n'),
	);
	let stopping = false;
	/** @param {NodeJS.Signals} signal */
	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping sandbox\n`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	process.stderr.write(
		`sandbox failed to start: ${e instanceof Error ? e.stack || e.message : String(e)}\n`,
	);
	process.exit(1);
});
