#!/usr/bin/env node
'use strict';
// The end-to-end suite: our packed package inside real n8n, both lines users run (see README).
// This file only orchestrates: npm pack -> start the sandbox -> per line: install the package as
// a community package, start n8n, then run each case in CASES (test/e2e/cases/<concept>.js).
// Usage: node test/e2e/run.js [n8n-1|n8n-2 ...]   (after npm run build and bash test/e2e/install.sh)
// Ends with "N passed, N failed"; exit code 1 on any failure.
const fs = require('fs');
const path = require('path');

const e2e = require('./lib');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The cases, in order: each module in cases/ exports `title` and `async run(ctx)`. A case may add
 * to ctx for the ones after it (credential sets ctx.credentials) or replace ctx.n8n / ctx.rest
 * (trigger restarts n8n). agentTools needs ctx.credentials and runs last (it resets the sandbox).
 */
const CASES = [
	'types',
	'credential',
	'listSearch',
	'operations',
	'faults',
	'engines',
	'redirect',
	'retryOnFail',
	'trigger',
	'pollingTrigger',
	'agentTools',
	'examples',
	'readmeInstall',
].map((name) => require(`./cases/${name}`));

const stages = new e2e.Stages('[e2e]');
const checks = new e2e.Checks();

async function runLine(id, tarball, sandbox) {
	const line = e2e.getLine(id);
	console.log(`\n[e2e] ${line.id}: n8n ${line.n8nVersion} on Node.js ${line.nodeVersion}`);
	if (!line.installed) throw new Error(`${line.id} is not installed: bash test/e2e/install.sh`);
	const userFolder = e2e.makeUserFolder(`suite-${line.id}`);
	await stages.run(`${line.id}: install the package as a community package`, async () => {
		e2e.installCommunityPackage(userFolder, tarball);
	});
	// A fresh user folder runs every database migration first: minutes on a loaded machine.
	const n8n = await stages.run(`${line.id}: start n8n`, () =>
		e2e.startN8n({ line, userFolder, timeoutMs: 420000 }),
	);
	const ctx = {
		line,
		userFolder,
		n8n,
		rest: new e2e.N8nRest(n8n),
		sandbox,
		tarball,
		check: (name, fn) => checks.check(name, fn),
		stages,
	};
	try {
		await ctx.rest.ensureOwner();
		for (const testCase of CASES) {
			await stages.run(`${line.id}: ${testCase.title}`, () => testCase.run(ctx));
		}
	} finally {
		await ctx.n8n.stop();
	}
}

async function main() {
	const lines = process.argv.slice(2).length
		? process.argv.slice(2)
		: [...e2e.lineIds(), ...e2e.profileIds()];
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Benchwork', 'Benchwork.node.js'))) {
		throw new Error('dist/ is missing: run npm run build first');
	}
	const tarball = await stages.run('npm pack', async () => e2e.npmPack(ROOT));
	console.log(`  ${path.relative(ROOT, tarball)}`);
	const sandbox = await stages.run('start the sandbox', () => e2e.startSandboxProcess());
	try {
		for (const id of lines) {
			try {
				await runLine(id, tarball, sandbox);
			} catch (error) {
				checks.fail(id, error);
			}
		}
	} finally {
		await sandbox.stop();
	}
	console.log(`\n${stages.summary()}`);
	console.log(`\n${checks.summaryLine()}`);
	process.exit(checks.failed ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
