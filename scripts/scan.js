#!/usr/bin/env node
'use strict';
// n8n's verification of a community package, run locally with n8n's own scanner
// (@n8n/scan-community-package, `analyzePackage`), on both of its legs:
//   - the tarball: what `npm pack` ships, unpacked, linted as compiled `.js` + package.json;
//   - the source: the files git tracks (what the provenance commit holds), with the scanner's
//     SOURCE_FILE_PATTERNS (package.json, nodes/ and credentials/ sources).
// Only the provenance look-up needs a published package; everything else is checked here.
//   node scripts/scan.js     (after `npm run build`; `npm run scan` builds first)
// Exit 0: both legs pass; 1: a finding, or nothing to scan.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

function packInto(dir) {
	fs.mkdirSync(dir, { recursive: true });
	if (!fs.existsSync(path.join(ROOT, 'dist')))
		throw new Error('no dist/ to pack: run `npm run build` first (or `npm run scan`)');
	const out = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', dir],
		{
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const [info] = JSON.parse(out);
	execFileSync('tar', ['-xzf', path.join(dir, info.filename), '-C', dir]);
	return { packageDir: path.join(dir, 'package'), label: `${info.name}@${info.version}` };
}

/** The source as a commit would hold it: every file git tracks or would add (not ignored). */
function copySourceInto(dir) {
	const listed = execFileSync(
		'git',
		['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
		{ cwd: ROOT, encoding: 'utf8' },
	);
	let copied = 0;
	for (const file of listed.split('\0').filter(Boolean)) {
		const from = path.join(ROOT, file);
		if (!fs.existsSync(from) || !fs.statSync(from).isFile()) continue; // deleted, not yet committed
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.copyFileSync(from, path.join(dir, file));
		copied++;
	}
	return copied;
}

async function scanLeg(name, dir, patterns, scanner, glob) {
	const files = glob.sync(patterns, {
		cwd: dir,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const t0 = Date.now();
	const result = await scanner.analyzePackage(dir, patterns);
	const took = ((Date.now() - t0) / 1000).toFixed(1);
	// The scanner reports "passed" when no file matches: that would hide a broken pack or checkout.
	const passed = result.passed && files.length > 0;
	console.log(
		`${passed ? 'passed' : 'FAILED'}  ${name}: ${files.length} files (${patterns.join(', ')}), ${took} s` +
			(result.passed ? '' : ` - ${result.message}`) +
			(files.length ? '' : ' - nothing to scan'),
	);
	if (result.details) console.log(result.details);
	return passed;
}

async function main() {
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const glob = require('fast-glob');
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'benchwork-scan-'));
	try {
		const { packageDir, label } = packInto(path.join(work, 'tarball'));
		fs.mkdirSync(path.join(work, 'source'));
		copySourceInto(path.join(work, 'source'));
		console.log(`n8n's community-package scan of ${label} (@n8n/scan-community-package)`);
		const tarball = await scanLeg('tarball', packageDir, TARBALL_PATTERNS, scanner, glob);
		const source = await scanLeg(
			'source',
			path.join(work, 'source'),
			scanner.SOURCE_FILE_PATTERNS,
			scanner,
			glob,
		);
		if (!(tarball && source)) {
			console.error('n8n would refuse this package: fix the findings above.');
			process.exitCode = 1;
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`scan failed: ${error.stack || error.message}`);
	process.exit(1);
});
