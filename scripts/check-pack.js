#!/usr/bin/env node
'use strict';
// Refuses to let an empty package ship: `npm pack` of a clone that was never built packs
// package.json, README and licence only (the repo's .npmrc turns install scripts off, so no
// prepack hook can stop it). The publish workflow runs this right before `npm publish`.
//   node scripts/check-pack.js [packageDir]     exit 0: ok; 1: something the package needs is missing
const path = require('path');
const { execFileSync } = require('child_process');

function packedFiles(dir) {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: dir,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [info] = JSON.parse(out);
	return {
		files: info.files.map((f) => f.path),
		size: info.size,
		name: `${info.name}@${info.version}`,
	};
}

function problemsOf(pkg, files) {
	const problems = [];
	if (!files.some((f) => f.startsWith('dist/')))
		problems.push('no dist/ in the package: run `npm run build` first');
	const registered = [
		...((pkg.n8n && pkg.n8n.nodes) || []),
		...((pkg.n8n && pkg.n8n.credentials) || []),
	];
	if (!registered.length)
		problems.push('package.json names no nodes or credentials in its "n8n" block');
	for (const file of registered)
		if (!files.includes(file))
			problems.push(`${file} (named in package.json "n8n") is not in the package`);
	return problems;
}

function main() {
	const dir = path.resolve(process.argv[2] || path.join(__dirname, '..'));
	const pkg = require(path.join(dir, 'package.json'));
	const { files, size, name } = packedFiles(dir);
	const problems = problemsOf(pkg, files);
	if (problems.length) {
		console.error(
			`${name} must not be published as it is:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
		);
		process.exit(1);
	}
	console.log(
		`${name}: ${files.length} files, ${(size / 1024).toFixed(1)} kB packed; every node and credential of the "n8n" block is inside`,
	);
}

main();
