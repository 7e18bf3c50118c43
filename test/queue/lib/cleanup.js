'use strict';
// Last-resort cleanup: functions that must run when the process ends however it ends (normal
// exit, an uncaught error, Ctrl-C, SIGTERM). They must be synchronous (kill, rmSync).
const handlers = new Set();
let hooked = false;

function runAll() {
	for (const fn of [...handlers].reverse()) {
		try {
			fn();
		} catch {
			/* keep cleaning up */
		}
	}
	handlers.clear();
}

/** onExit(fn) -> unregister(): fn runs once at exit unless unregistered first. */
function onExit(fn) {
	handlers.add(fn);
	if (!hooked) {
		hooked = true;
		process.on('exit', runAll);
		for (const [signal, code] of [
			['SIGINT', 130],
			['SIGTERM', 143],
			['SIGHUP', 129],
		]) {
			process.once(signal, () => {
				console.log(`\n[queue] ${signal}: stopping everything`);
				process.exit(code); // runs the 'exit' handlers
			});
		}
	}
	return () => handlers.delete(fn);
}

module.exports = { onExit };
