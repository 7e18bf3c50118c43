'use strict';
// Runs a long command (the first n8n install takes minutes) with a progress line instead of
// silence: the command's own lines as they come, and every few seconds a status line.
const { spawn } = require('child_process');

const running = new Set();

function formatElapsed(ms) {
	const s = Math.round(ms / 1000);
	return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * runWithProgress({command, args, cwd, env, prefix, status, everyMs}) -> Promise<void>
 * Prints each output line with `prefix`; every `everyMs` without output prints
 * `prefix status() (elapsed)`. On a terminal the status line is rewritten in place.
 * Rejects when the command exits non-zero. The command runs in its own process group, so that
 * stopAll() ends it with everything it started.
 */
function runWithProgress({
	command,
	args = [],
	cwd,
	env = process.env,
	prefix = '',
	status = () => 'working',
	everyMs = 10000,
}) {
	const tty = process.stdout.isTTY;
	const t0 = Date.now();
	let statusShown = false;
	const clearStatus = () => {
		if (tty && statusShown) process.stdout.write('\r\x1b[2K');
		statusShown = false;
	};
	const print = (line) => {
		clearStatus();
		process.stdout.write(`${prefix}${line}\n`);
	};
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		running.add(child);
		let lastOutput = Date.now();
		let partial = { stdout: '', stderr: '' };
		for (const stream of ['stdout', 'stderr']) {
			child[stream].setEncoding('utf8').on('data', (chunk) => {
				lastOutput = Date.now();
				const text = partial[stream] + chunk;
				const lines = text.split('\n');
				partial[stream] = lines.pop();
				for (const line of lines) print(line);
			});
		}
		const ticker = setInterval(
			() => {
				const quietFor = Date.now() - lastOutput;
				if (!tty && quietFor < everyMs) return;
				const line = `${prefix}${status()} (${formatElapsed(Date.now() - t0)})`;
				if (tty) {
					process.stdout.write(`\r\x1b[2K${line.slice(0, (process.stdout.columns || 100) - 1)}`);
					statusShown = true;
				} else {
					process.stdout.write(`${line}\n`);
					lastOutput = Date.now();
				}
			},
			tty ? 1000 : everyMs,
		);
		child.on('error', (error) => {
			clearInterval(ticker);
			running.delete(child);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearInterval(ticker);
			running.delete(child);
			for (const rest of Object.values(partial)) if (rest) print(rest);
			clearStatus();
			if (code === 0) resolve();
			else reject(new Error(`${command} ${args.join(' ')} ended with ${code ?? signal}`));
		});
	});
}

/** Ends every command runWithProgress started (their whole process groups). */
function stopAll(signal = 'SIGTERM') {
	for (const child of running) {
		try {
			process.kill(-child.pid, signal);
		} catch {
			/* gone */
		}
	}
}

module.exports = { runWithProgress, stopAll, formatElapsed };
