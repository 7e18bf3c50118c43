#!/usr/bin/env node
'use strict';
// Keeps a line's package-lock.json free of any URL outside the npm registry.
//
// npm writes two kinds of foreign URL into a lockfile even when every tarball comes from the
// registry (this machine's npm config sets omit-lockfile-registry-resolved, so there are no
// "resolved" fields at all):
//   * "funding" metadata copied from each package.json (GitHub sponsors, Open Collective...);
//   * dependency specs copied verbatim from a package's package.json, e.g. n8n-nodes-base 1.x
//     declares "xlsx": "https://cdn.sheetjs.com/...tgz". The line's root "overrides" replace it
//     by a registry version, so the spec is rewritten to that override here.
// npm ci does not read either field to fetch anything. Run this after regenerating a lock:
//   node sanitize-lock.js n8n-1 [n8n-2 ...]      (folders relative to this file, or absolute)
// With --check it changes nothing and exits 1 if a lock still holds a foreign URL.
const fs = require('fs');
const path = require('path');

const REGISTRY = /^https:\/\/registry\.npmjs\.org\//;
const FOREIGN = /^(https?|git|git\+[a-z]+|github|file|link):|:\/\//i;

function sanitize(dir, check) {
	const lockPath = path.resolve(__dirname, dir, 'package-lock.json');
	const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
	const overrides = (lock.packages[''] && JSON.parse(
		fs.readFileSync(path.resolve(__dirname, dir, 'package.json'), 'utf8')).overrides) || {};
	const problems = [];
	let changed = 0;
	for (const [key, pkg] of Object.entries(lock.packages)) {
		if (pkg.funding !== undefined) {
			delete pkg.funding;
			changed++;
		}
		if (pkg.resolved && !REGISTRY.test(pkg.resolved)) problems.push(`${key}: resolved ${pkg.resolved}`);
		for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies']) {
			for (const [name, spec] of Object.entries(pkg[field] || {})) {
				if (typeof spec !== 'string' || !FOREIGN.test(spec)) continue;
				if (typeof overrides[name] === 'string') {
					pkg[field][name] = overrides[name];
					changed++;
				} else {
					problems.push(`${key}: ${field}.${name} = ${spec} (add an override to package.json)`);
				}
			}
		}
	}
	const text = JSON.stringify(lock, null, 2) + '\n';
	const leftovers = text.split('\n').filter((l) => /:\/\//.test(l) && !REGISTRY.test(l.replace(/^.*": "/, '')));
	for (const l of leftovers) problems.push(`leftover URL: ${l.trim()}`);
	if (check) {
		if (changed) problems.unshift(`${changed} field(s) would be removed/rewritten`);
	} else if (changed) {
		fs.writeFileSync(lockPath, text);
	}
	console.log(`${path.relative(process.cwd(), lockPath) || lockPath}: ${check ? 'checked' : `${changed} change(s)`}${problems.length ? `, ${problems.length} problem(s)` : ', clean'}`);
	for (const p of problems) console.log(`  ${p}`);
	return problems.length === 0;
}

const args = process.argv.slice(2);
const check = args.includes('--check');
const dirs = args.filter((a) => a !== '--check');
if (!dirs.length) {
	console.error('usage: sanitize-lock.js [--check] <line-dir>...');
	process.exit(2);
}
let ok = true;
for (const d of dirs) ok = sanitize(d, check) && ok;
process.exit(ok ? 0 : 1);
