'use strict';
// What every bench row needs before it measures, in one place so that the rows start alike: the
// installed n8n line, the packed package in a fresh user folder, and a Benchwork credential for
// the row's sandbox, either imported by n8n's CLI (rows run by `n8n execute`) or created over
// REST in a started n8n with its owner signed in (rows that need n8n serving).
const path = require('path');

const e2e = require('../../e2e/lib');
const { KEYS } = require('../../sandbox/server');

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The n8n line `lineId`, installed; throws with the command that installs it. */
function installedLine(lineId) {
	const line = e2e.getLine(lineId);
	if (!line.installed)
		throw new Error(`${line.id} is not installed: bash test/e2e/install.sh ${line.id}`);
	return line;
}

/**
 * A fresh user folder `bench-<name>` with the package installed (`tarball`, else this checkout
 * packed; build first).
 */
function benchUserFolder(name, tarball = e2e.npmPack(ROOT)) {
	const userFolder = e2e.makeUserFolder(`bench-${name}`);
	e2e.installCommunityPackage(userFolder, tarball);
	return userFolder;
}

/** A Benchwork credential for `sandbox` with its enterprise key: `{ name, type, data }`. */
function benchworkCredential(sandbox, name = 'Benchwork bench') {
	return {
		name,
		type: 'benchworkApi',
		data: { apiKey: KEYS.enterprise, baseUrl: sandbox.baseUrl },
	};
}

/**
 * startBenchN8n({ line, name, sandbox, tarball?, env? }) -> { n8n, rest, credential }: n8n
 * started in a fresh user folder with the package, `env` added to its settings, its owner signed
 * in (`rest`) and the credential "Benchwork bench" for `sandbox` created. The caller stops n8n.
 */
async function startBenchN8n({ line, name, sandbox, tarball, env }) {
	const userFolder = benchUserFolder(`${name}-${line.id}`, tarball);
	const n8n = await e2e.startN8n({ line, userFolder, env, timeoutMs: 300000 }); // a loaded machine
	try {
		const rest = new e2e.N8nRest(n8n);
		await rest.ensureOwner();
		const credential = await rest.createCredential(benchworkCredential(sandbox));
		return { n8n, rest, credential };
	} catch (error) {
		await n8n.stop();
		throw error;
	}
}

module.exports = { installedLine, benchUserFolder, benchworkCredential, startBenchN8n };
