#!/usr/bin/env node
'use strict';
// Runs only the agent-path case (test/e2e/cases/agentTools.js) in real n8n, the way run.js
// starts things: npm pack -> community package -> sandbox + n8n -> owner + credential -> case.
// Usage: node test/e2e/agent.js [n8n-1|n8n-2 ...]   (after npm run build and install.sh)
// Prints the checks, the answer sizes the client received, and "N passed, N failed".
const path = require('path');

const { KEYS } = require('../sandbox/server');
const e2e = require('./lib');
const agentTools = require('./cases/agentTools');

const ROOT = path.resolve(__dirname, '..', '..');
const stages = new e2e.Stages('[agent]');
const checks = new e2e.Checks();

async function runLine(id, tarball, sandbox) {
	const line = e2e.getLine(id);
	console.log(`\n[agent] ${line.id}: n8n ${line.n8nVersion} on Node.js ${line.nodeVersion}`);
	const userFolder = e2e.makeUserFolder(`agent-${line.id}`);
	await stages.run(`${line.id}: install the package`, async () =>
		e2e.installCommunityPackage(userFolder, tarball),
	);
	const n8n = await stages.run(`${line.id}: start n8n`, () =>
		e2e.startN8n({ line, userFolder, timeoutMs: 420000 }),
	);
	try {
		const rest = new e2e.N8nRest(n8n);
		await rest.ensureOwner();
		const credential = await rest.createCredential({
			name: 'Benchwork sandbox',
			type: 'benchworkApi',
			data: { apiKey: KEYS.enterprise, baseUrl: sandbox.baseUrl },
		});
		const { sizes } = await stages.run(`${line.id}: agent tools over MCP`, () =>
			agentTools.run({
				line,
				n8n,
				rest,
				sandbox,
				credentials: { credential },
				check: (name, fn) => checks.check(name, fn),
			}),
		);
		console.log(`  answer sizes (bytes of text the client received): ${JSON.stringify(sizes)}`);
	} finally {
		await n8n.stop();
	}
}

async function main() {
	const lines = process.argv.slice(2).length ? process.argv.slice(2) : e2e.lineIds();
	const tarball = await stages.run('npm pack', async () => e2e.npmPack(ROOT));
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
	console.log(`\n${stages.summary()}\n\n${checks.summaryLine()}`);
	process.exit(checks.failed ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
