#!/usr/bin/env node
'use strict';
// What must hold before a version is published, checked by the publish workflow's first step:
//   - the tag is the package version;
//   - the author e-mail is no longer the placeholder;
//   - package.json's `repository` is the repository the workflow runs in: npm's trusted
//     publishing and provenance refuse any other (E422), and n8n's verification lints the source
//     commit the provenance names there. `homepage` and `bugs` follow from `repository`.
//   GITHUB_REPOSITORY=owner/name GITHUB_REF_NAME=vX.Y.Z node scripts/check-release.js [packageDir]
// Exit 0: ready; 1: each problem printed with its fix.
const path = require('path');

/** `https://github.com/owner/name` from a repository URL (git+https, .git, or a shorthand). */
function githubRepoUrl(repository) {
	const url = typeof repository === 'string' ? repository : repository && repository.url;
	const match = /github\.com[/:]([^/]+)\/([^/#?]+?)(?:\.git)?\/?$/.exec(url || '');
	return match ? `https://github.com/${match[1]}/${match[2]}` : undefined;
}

function problemsOf(pkg, env) {
	const problems = [];
	const tag = env.GITHUB_REF_NAME;
	if (tag !== `v${pkg.version}`)
		problems.push(`the tag is ${tag || '(none)'} but package.json says version ${pkg.version}`);
	if (!pkg.author || !pkg.author.email || /@example\.(com|org|net)$/.test(pkg.author.email))
		problems.push(
			`package.json author.email is still the placeholder ${pkg.author && pkg.author.email}`,
		);
	const repo = githubRepoUrl(pkg.repository);
	const here = env.GITHUB_REPOSITORY && `https://github.com/${env.GITHUB_REPOSITORY}`;
	const setAll = (url) =>
		`npm pkg set repository.url=${url}.git homepage=${url}#readme bugs.url=${url}/issues`;
	if (!repo) problems.push('package.json has no GitHub `repository`');
	else if (!here) problems.push('GITHUB_REPOSITORY is not set: run this in the publish workflow');
	else if (repo.toLowerCase() !== here.toLowerCase())
		problems.push(
			`package.json repository is ${repo} but this is ${here} (npm refuses provenance from another repository): ${setAll(here)}`,
		);
	if (repo) {
		if (pkg.homepage !== `${repo}#readme`)
			problems.push(`homepage is ${pkg.homepage}, not the repository's README: ${setAll(repo)}`);
		const bugs = pkg.bugs && (typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs.url);
		if (bugs !== `${repo}/issues`)
			problems.push(`bugs is ${bugs}, not the repository's issues: ${setAll(repo)}`);
	}
	return problems;
}

function main() {
	const dir = path.resolve(process.argv[2] || path.join(__dirname, '..'));
	const pkg = require(path.join(dir, 'package.json'));
	const problems = problemsOf(pkg, process.env);
	if (problems.length) {
		console.error(
			`${pkg.name}@${pkg.version} must not be published yet:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
		);
		process.exit(1);
	}
	console.log(
		`${pkg.name}@${pkg.version}: tag, author and repository (${githubRepoUrl(pkg.repository)}) are ready to publish`,
	);
}

module.exports = { githubRepoUrl };

if (require.main === module) main();
