'use strict';
// `n8n-node dev --external-n8n` (n8n's own tool, @n8n/node-cli) as npm run dev's compiler: it
// copies the static files into dist/, then keeps `tsc --watch` running. It draws a full-screen
// panel of tsc's output; run with its output piped, it writes one frame of that panel after
// every change. watchWithN8nNode() reads those frames and reports each finished compile.
const path = require('path');
const { spawn } = require('child_process');

const FRAME_START = '\x1b[2J\x1b[H'; // n8n-node dev clears the screen before each frame
const PANEL_LINE = '\u2502'; // │ starts each line of a panel
const PANEL_END = '\u2570'; // ╰ closes a panel
// Colours, and tsc's own screen clearing.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b(?:\[[0-9;?]*[A-Za-z]|c)/g;
const COMPILED = /Found (\d+) errors?\. Watching for file changes\./;

/** The panel's text lines (tsc's latest output, oldest first) in one frame. */
function panelLines(frame) {
	return frame
		.split('\n')
		.map((line) => line.replace(ANSI, ''))
		.filter((line) => line.startsWith(PANEL_LINE))
		.map((line) => line.slice(1).trim());
}

/**
 * watchWithN8nNode({root, onCompiling, onCompiled, onExit}) -> child process
 * onCompiling() when tsc starts a compile; onCompiled(errorCount, errorLines) when it has
 * finished one (tsc writes dist/ before it prints its summary); onExit(code, lastLines).
 */
function watchWithN8nNode({ root, onCompiling, onCompiled, onExit }) {
	const child = spawn(
		process.execPath,
		[path.join(root, 'node_modules', '.bin', 'n8n-node'), 'dev', '--external-n8n'],
		{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let buffer = '';
	let lastLines = [];
	// The summary line tsc is resting on, null while it compiles: a compile has finished when
	// the panel ends on a summary again (its clock time alone could repeat within a second).
	let restingOn = null;
	const readFrame = (frame) => {
		const lines = panelLines(frame);
		if (!lines.length) return;
		lastLines = lines.filter(Boolean);
		const last = lastLines[lastLines.length - 1] || '';
		const compiled = COMPILED.exec(last);
		if (!compiled) {
			if (restingOn !== null) onCompiling();
			restingOn = null;
			return;
		}
		if (last === restingOn) return;
		restingOn = last;
		onCompiled(
			Number(compiled[1]),
			lastLines.filter((l) => /error TS\d+/.test(l)),
		);
	};
	child.stdout.setEncoding('utf8').on('data', (chunk) => {
		buffer += chunk;
		const frames = buffer.split(FRAME_START);
		buffer = frames.pop();
		// The last frame is read once its panel is closed; the rest of it is the help line.
		if (buffer.includes(PANEL_END)) {
			frames.push(buffer);
			buffer = '';
		}
		for (const frame of frames) readFrame(frame);
	});
	child.stderr.setEncoding('utf8').on('data', (chunk) => process.stderr.write(chunk));
	child.on('exit', (code, signal) => onExit(code ?? signal, lastLines));
	return child;
}

module.exports = { watchWithN8nNode };
