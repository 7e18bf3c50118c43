'use strict';
// The whole demo: n8n 2.x with this package installed as a community package, the sandbox as
// its Benchwork, an owner, a ready credential and the example workflows. Used by `npm run demo`
// (demo/run.js) and by the browser test (test/ui/run.js).
const fs = require('fs');
const net = require('net');
const path = require('path');
const {
	startN8n,
	N8nRest,
	RestError,
	freePort,
	leaveSignalsToCaller,
} = require('../../test/e2e/lib');
const { ensureN8n } = require('./n8nLine');
const { installPackage, ROOT } = require('./packageBuild');
const { startDemoSandbox, DEMO_KEY } = require('./sandboxSetup');
const { ensureExamples, reRegisterTriggers } = require('./examples');

const DEFAULT_STATE_DIR = path.join(ROOT, '.demo');
const OWNER = {
	email: 'demo@benchwork.test',
	password: 'Benchwork-Demo-1',
	firstName: 'Demo',
	lastName: 'User',
};
const CREDENTIAL_NAME = 'Benchwork account';

/** Resolves with `port` if it can be listened on at 127.0.0.1 now, else with a free one. */
function portOr(port) {
	if (!port) return freePort();
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(freePort()));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(port)));
	});
}

/** The credential named CREDENTIAL_NAME, created or updated to point at this sandbox. */
async function ensureCredential(rest, sandbox) {
	const data = { apiKey: DEMO_KEY, baseUrl: sandbox.baseUrl };
	const found = (await rest.listCredentials()).find(
		(c) => c.name === CREDENTIAL_NAME && c.type === 'benchworkApi',
	);
	if (!found) return rest.createCredential({ name: CREDENTIAL_NAME, type: 'benchworkApi', data });
	// The sandbox port may differ from the last start: the base URL is written again each time.
	await rest.data('PATCH', `/rest/credentials/${found.id}`, {
		body: { name: CREDENTIAL_NAME, type: 'benchworkApi', data },
	});
	return found;
}

/**
 * startDemo({stateDir, port, sandboxPort, fresh, n8nEnv, log}) -> demo
 *   demo = {n8n, sandbox, rest, credential, examples, owner, editorUrl, line, startedInMs, stop()}
 * `port` / `sandboxPort` are preferred ports (0 = any free one); a busy one is replaced by a free
 * one. `fresh` wipes the state folder first (the browser test starts from nothing). `n8nEnv`
 * adds settings to n8n's environment (`npm run dev`: N8N_DEV_RELOAD).
 */
async function startDemo({
	stateDir = DEFAULT_STATE_DIR,
	port = 5678,
	sandboxPort = 4567,
	fresh = false,
	n8nEnv = {},
	log = console.log,
} = {}) {
	const t0 = Date.now();
	leaveSignalsToCaller();
	if (fresh) fs.rmSync(stateDir, { recursive: true, force: true });
	const userFolder = path.join(stateDir, 'n8n');
	const logs = path.join(stateDir, 'logs');
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	fs.mkdirSync(logs, { recursive: true });

	const line = await ensureN8n({ log });
	const pkg = installPackage({ stateDir, userFolder, log });
	if (!pkg.built && !pkg.installed)
		log('package unchanged since the last start: build and install skipped');

	const started = [];
	const demo = {
		line,
		owner: OWNER,
		async stop() {
			// n8n first: it may still be answering a delivery from the sandbox.
			for (const proc of started.reverse()) await proc.stop().catch(() => {});
			started.length = 0;
		},
	};
	try {
		log('starting the Benchwork sandbox');
		demo.sandbox = await startDemoSandbox({
			port: await portOr(sandboxPort),
			logFile: path.join(logs, 'sandbox.log'),
		});
		started.push(demo.sandbox);
		log(`starting n8n ${line.n8nVersion} (Node ${line.nodeVersion})`);
		demo.n8n = await startN8n({
			line,
			userFolder,
			port: await portOr(port),
			logFile: path.join(logs, 'n8n.log'),
			env: n8nEnv,
		});
		started.push(demo.n8n);
		demo.editorUrl = demo.n8n.baseUrl;
		demo.rest = new N8nRest(demo.n8n, { browserId: 'benchwork-demo' });
		await demo.rest.ensureOwner(OWNER);
		demo.credential = await ensureCredential(demo.rest, demo.sandbox);
		demo.examples = await ensureExamples(demo.rest, demo.credential);
		demo.reRegistered = await reRegisterTriggers(demo.rest);
	} catch (error) {
		await demo.stop();
		if (error instanceof RestError) error.message += `\n(n8n log: ${path.join(logs, 'n8n.log')})`;
		throw error;
	}
	demo.startedInMs = Date.now() - t0;
	return demo;
}

module.exports = { startDemo, OWNER, CREDENTIAL_NAME, DEFAULT_STATE_DIR, DEMO_KEY };
