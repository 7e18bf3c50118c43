'use strict';
// The demo's n8n: the e2e suite's `n8n-2` line (n8n 2.x on its own Node 24, installed offline
// from the npm registry by test/e2e/install.sh). One install serves both; it is checked (a
// couple of seconds) or installed (minutes, the first time) on every demo start.
const fs = require('fs');
const path = require('path');
const { getLine, E2E_DIR } = require('../../test/e2e/lib');
const { runWithProgress } = require('./progress');

const LINE = 'n8n-2';

/** Top-level packages unpacked so far (npm creates every folder first, then fills them in). */
function countUnpacked(dir) {
	let n = 0;
	let entries;
	try {
		entries = fs.readdirSync(dir, { withFileTypes: true });
	} catch {
		return 0;
	}
	for (const e of entries) {
		if (!e.isDirectory() || e.name.startsWith('.')) continue;
		const full = path.join(dir, e.name);
		if (e.name.startsWith('@')) n += countUnpacked(full);
		else if (fs.existsSync(path.join(full, 'package.json'))) n += 1;
	}
	return n;
}

/** What the install is doing now, from its log and how many top-level packages are unpacked. */
function installStatus(line) {
	const lock = JSON.parse(fs.readFileSync(path.join(line.dir, 'package-lock.json'), 'utf8'));
	// Top-level packages this platform gets (the lockfile also lists other platforms' binaries).
	const fits = (p) =>
		(!p.os || p.os.includes(process.platform)) &&
		(!p.cpu || p.cpu.includes(process.arch)) &&
		(!p.libc || p.libc.includes('glibc'));
	const total = Object.entries(lock.packages).filter(
		([k, p]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(k) && fits(p),
	).length;
	const logFile = path.join(E2E_DIR, '.work', 'logs', `install-${line.id}.log`);
	return () => {
		let log = '';
		try {
			log = fs.readFileSync(logFile, 'utf8');
		} catch {
			/* not started */
		}
		if (log.includes('## npm rebuild sqlite3'))
			return `installing n8n ${line.wantedVersion}: compiling sqlite3 for Node 24 (one to a few minutes)`;
		if (log.includes('## npm ci')) {
			const unpacked = Math.min(total, countUnpacked(path.join(line.dir, 'node_modules')));
			return `installing n8n ${line.wantedVersion}: ${unpacked} of about ${total} packages unpacked`;
		}
		return `installing n8n ${line.wantedVersion}: preparing`;
	};
}

/**
 * ensureN8n({log}) -> the line (see test/e2e/lib/lines.js), installed.
 * Runs `bash test/e2e/install.sh n8n-2`, which skips what is already installed.
 */
async function ensureN8n({ log = console.log } = {}) {
	let line = getLine(LINE);
	if (!line.installed) {
		log(
			`n8n ${line.wantedVersion} is not installed yet: installing it once (3-7 minutes; about 3 GB under test/e2e/lines)`,
		);
	}
	await runWithProgress({
		command: 'bash',
		args: [path.join(E2E_DIR, 'install.sh'), LINE],
		prefix: '  ',
		status: installStatus(line),
	});
	line = getLine(LINE);
	if (!line.installed)
		throw new Error(
			`n8n ${line.wantedVersion} is still not installed: see test/e2e/.work/logs/install-${LINE}.log`,
		);
	return line;
}

module.exports = { ensureN8n, LINE };
