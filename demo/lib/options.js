'use strict';
// The command-line options npm run demo and npm run dev share.

/** parseOptions(argv) -> { port, sandboxPort, fresh, help? }; throws on an unknown option. */
function parseOptions(argv) {
	const out = { port: 5678, sandboxPort: 4567, fresh: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const int = () => {
			const v = argv[++i];
			if (!/^\d+$/.test(v || '') || Number(v) > 65535)
				throw new Error(`${arg} needs a port number, got "${v}"`);
			return Number(v);
		};
		if (arg === '--port') out.port = int();
		else if (arg === '--sandbox-port') out.sandboxPort = int();
		else if (arg === '--fresh') out.fresh = true;
		else if (arg === '--help' || arg === '-h') out.help = true;
		else throw new Error(`unknown option ${arg}`);
	}
	return out;
}

/** The options of this process's command line; prints `usage` and exits on --help or a bad one. */
function readOptions(usage) {
	let options;
	try {
		options = parseOptions(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${error.message}\n\n${usage}`);
		process.exit(2);
	}
	if (options.help) {
		process.stdout.write(usage);
		process.exit(0);
	}
	return options;
}

module.exports = { parseOptions, readOptions };
