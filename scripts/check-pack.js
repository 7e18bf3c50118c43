#!/usr/bin/env node
'use strict';
// Refuses to let an empty package ship: `npm pack` of a clone that was never built packs
// package.json, README and licence only (the repo's .npmrc turns install scripts off, so no
// prepack hook can stop it). The publish workflow runs this right before `npm publish`.
// Also refuses Docs links the editor would show wrong: each node's codex (`X.node.json` beside
// `X.node.js`, whose resources n8n's editor links as "Docs") and each credential's
// documentationUrl must open a section of this package's README on its repository
// (package.json `repository`), with the anchor a heading of the packed README.md makes.
//   node scripts/check-pack.js [packageDir]     exit 0: ok; 1: something the package needs is missing
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { githubRepoUrl } = require('./check-release');
const { anchorsOf, parseMarkdown } = require('./markdown');

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

/** The Docs links the editor shows for the package: codex resources and credential documentationUrl. */
function docsLinksOf(dir, pkg, files) {
	const links = [];
	const problems = [];
	for (const node of (pkg.n8n && pkg.n8n.nodes) || []) {
		const codex = `${node}on`; // n8n reads a node's codex from `${nodeFile}on`
		if (!files.includes(codex)) {
			if (files.includes(node))
				problems.push(`${codex} is not in the package: the editor shows no Docs link for ${node}`);
			continue;
		}
		const { resources = {} } = JSON.parse(fs.readFileSync(path.join(dir, codex), 'utf8'));
		if (!(resources.primaryDocumentation || []).length)
			problems.push(
				`${codex} has no resources.primaryDocumentation: the editor shows no Docs link`,
			);
		for (const [kind, list] of Object.entries(resources))
			for (const { url } of list) links.push({ where: `${codex} resources.${kind}`, url });
	}
	for (const file of (pkg.n8n && pkg.n8n.credentials) || []) {
		if (!files.includes(file)) continue;
		for (const [name, Type] of Object.entries(require(path.join(dir, file))))
			if (typeof Type === 'function')
				links.push({ where: `${file} ${name}.documentationUrl`, url: new Type().documentationUrl });
	}
	return { links, problems };
}

function docsLinkProblems(dir, pkg, files) {
	const { links, problems } = docsLinksOf(dir, pkg, files);
	const repo = githubRepoUrl(pkg.repository);
	if (!repo)
		return links.length ? [...problems, 'package.json has no GitHub `repository`'] : problems;
	const readme = path.join(dir, 'README.md');
	const anchors = fs.existsSync(readme)
		? anchorsOf(parseMarkdown(fs.readFileSync(readme, 'utf8')))
		: new Set();
	for (const { where, url } of links) {
		const hash = typeof url === 'string' ? url.indexOf('#') : -1;
		if (hash < 0 || url.slice(0, hash) !== repo)
			problems.push(`${where} is ${url}, not a section of this package's README: ${repo}#…`);
		else if (!anchors.has(url.slice(hash + 1)))
			problems.push(
				`${where} is ${url}, but no heading of README.md makes #${url.slice(hash + 1)}`,
			);
	}
	return problems;
}

function main() {
	const dir = path.resolve(process.argv[2] || path.join(__dirname, '..'));
	const pkg = require(path.join(dir, 'package.json'));
	const { files, size, name } = packedFiles(dir);
	const problems = [...problemsOf(pkg, files), ...docsLinkProblems(dir, pkg, files)];
	if (problems.length) {
		console.error(
			`${name} must not be published as it is:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
		);
		process.exit(1);
	}
	console.log(
		`${name}: ${files.length} files, ${(size / 1024).toFixed(1)} kB packed; every node and credential of the "n8n" block is inside, each Docs link a section of the README`,
	);
}

main();
