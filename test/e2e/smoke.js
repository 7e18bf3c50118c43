#!/usr/bin/env node
'use strict';
// Proves the e2e groundwork on every installed n8n line, with a trivial community package
// (fixtures/dummy-package) instead of ours:
//   npm pack -> install as a community package in a fresh user folder -> start n8n -> owner +
//   login -> /types/nodes.json lists the node + credential with their icons -> credential by
//   REST and by CLI import -> manual workflow imported by CLI and run by `n8n execute` ->
//   manual workflow created by REST, run by the CLI while the server runs, read back by REST
//   (flatted) -> webhook workflow activated by REST, called, execution read, deactivated -> stop ->
//   workflow activated by CLI -> restart on the same user folder -> its webhook runs -> stop.
// Usage: node test/e2e/smoke.js [n8n-1|n8n-2 ...]   (needs bash test/e2e/install.sh first)
// Ends with "N passed, N failed"; exit code 1 on any failure.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const e2e = require('./lib');

const stages = new e2e.Stages('[e2e-smoke]');
const checks = new e2e.Checks();
const check = (name, fn) => checks.check(name, fn);

const DUMMY = 'n8n-nodes-e2e-dummy';

function manualWorkflow({ id, name, word, credId }) {
	return {
		...(id ? { id } : {}),
		name,
		nodes: [
			{
				id: 'a1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a2',
				name: 'Seed',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: 'return [{json: {n: 1}}, {json: {n: 2}}, {json: {n: 3}}];' },
			},
			{
				id: 'a3',
				name: 'Dummy',
				type: `${DUMMY}.e2eDummy`,
				typeVersion: 1,
				position: [400, 0],
				parameters: { word },
				...(credId
					? { credentials: { e2eDummyApi: { id: credId, name: 'Dummy cred (REST)' } } }
					: {}),
			},
		],
		connections: {
			Start: { main: [[{ node: 'Seed', type: 'main', index: 0 }]] },
			Seed: { main: [[{ node: 'Dummy', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

function webhookWorkflow(pathSuffix) {
	return {
		name: 'smoke webhook',
		nodes: [
			{
				id: 'w1',
				name: 'Hook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `e2e-${pathSuffix}`,
				parameters: {
					httpMethod: 'POST',
					path: `e2e-${pathSuffix}`,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: 'w2',
				name: 'Dummy',
				type: `${DUMMY}.e2eDummy`,
				typeVersion: 1,
				position: [200, 0],
				parameters: { word: 'hooked' },
			},
		],
		connections: { Hook: { main: [[{ node: 'Dummy', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

async function post(url, body) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: res.status, text: await res.text() };
}

async function smokeLine(lineId, tarball) {
	const line = e2e.getLine(lineId);
	console.log(`\n[e2e-smoke] ${line.id}: n8n ${line.n8nVersion} on node ${line.nodeVersion}`);
	if (!line.installed) throw new Error(`${line.id} not installed (bash test/e2e/install.sh)`);
	const userFolder = e2e.makeUserFolder(`smoke-${line.id}`);

	await stages.run(`${line.id}: install community package`, async () => {
		const r = e2e.installCommunityPackage(userFolder, tarball);
		const nodesPkg = JSON.parse(
			fs.readFileSync(path.join(userFolder, '.n8n/nodes/package.json'), 'utf8'),
		);
		assert.strictEqual(nodesPkg.dependencies[DUMMY], '0.0.1');
		assert.ok(fs.existsSync(path.join(r.dir, 'nodes/E2eDummy/E2eDummy.node.js')));
		const pj = JSON.parse(fs.readFileSync(path.join(r.dir, 'package.json'), 'utf8'));
		assert.ok(!pj.peerDependencies && !pj.devDependencies, 'peer/dev deps stripped');
	});

	const n8n = await stages.run(`${line.id}: start n8n`, () => e2e.startN8n({ line, userFolder }));
	console.log(
		`  n8n ${line.id} healthy at ${n8n.baseUrl} in ${n8n.startedInMs} ms (log ${n8n.logFile})`,
	);
	try {
		const rest = new e2e.N8nRest(n8n);
		await stages.run(`${line.id}: REST checks`, async () => {
			await check('owner setup + login (cookie bound to browser-id)', async () => {
				await rest.ensureOwner();
				assert.ok(rest.cookie, 'n8n-auth cookie');
				// a second login with the same client works too
				await rest.login();
			});

			await check('/types/nodes.json lists the community node with its icon', async () => {
				const types = await rest.nodeTypes();
				const t = types.find((x) => x.name === `${DUMMY}.e2eDummy`);
				assert.ok(
					t,
					`node type missing; community types: ${types.filter((x) => !x.name.startsWith('n8n-nodes-base.') && !x.name.startsWith('@n8n/')).map((x) => x.name)}`,
				);
				const icon = t.iconUrl && (typeof t.iconUrl === 'string' ? t.iconUrl : t.iconUrl.light);
				assert.ok(icon && /e2eDummy\.svg$/.test(icon), `iconUrl ${JSON.stringify(t.iconUrl)}`);
				const r = await e2e.httpGet(`${n8n.baseUrl}/${icon.replace(/^\//, '')}`);
				assert.strictEqual(r.status, 200, `GET ${icon}`);
				assert.match(r.body, /<svg/);
				console.log(`       iconUrl ${icon} -> 200 (${r.body.length} bytes)`);
			});

			await check('/types/credentials.json lists the credential', async () => {
				const creds = await rest.credentialTypes();
				const c = creds.find((x) => x.name === 'e2eDummyApi');
				assert.ok(c, 'credential type missing');
				console.log(`       credential iconUrl ${JSON.stringify(c.iconUrl)}`);
			});
		});

		const credId = await stages.run(`${line.id}: credentials`, async () => {
			const viaRest = await check('credential created by REST', async () => {
				const c = await rest.createCredential({
					name: 'Dummy cred (REST)',
					type: 'e2eDummyApi',
					data: { baseUrl: 'http://127.0.0.1:1', token: 't' },
				});
				assert.ok(c.id);
				return c.id;
			});
			await check('credential imported by CLI', async () => {
				await e2e.importCredentials({
					line,
					userFolder,
					credentials: [
						{
							id: 'e2eCredCli000001',
							name: 'Dummy cred (CLI)',
							type: 'e2eDummyApi',
							data: { baseUrl: 'http://127.0.0.1:2', token: 'u' },
						},
					],
				});
				const list = await rest.listCredentials();
				assert.ok(
					list.some((c) => c.id === 'e2eCredCli000001'),
					`credentials: ${list.map((c) => c.id)}`,
				);
			});
			return viaRest;
		});

		await stages.run(`${line.id}: manual workflows`, async () => {
			await check('workflow imported by CLI, run by `n8n execute --rawOutput`', async () => {
				await e2e.importWorkflows({
					line,
					userFolder,
					workflows: [manualWorkflow({ id: 'e2eSmokeCli00001', name: 'smoke cli', word: 'cli' })],
				});
				const { run, ms } = await e2e.executeWorkflow({ line, userFolder, id: 'e2eSmokeCli00001' });
				const items = e2e.outputItems(run, 'Dummy');
				assert.deepStrictEqual(
					items.map((i) => [i.n, i.word, i.index]),
					[
						[1, 'cli', 0],
						[2, 'cli', 1],
						[3, 'cli', 2],
					],
				);
				assert.strictEqual(items[0].nodeVersion, line.nodeVersion);
				assert.strictEqual(items[0].n8nWorkflowResolved, true);
				console.log(
					`       execute took ${ms} ms; top-level keys of rawOutput: ${Object.keys(run)}`,
				);
			});

			await check(
				'workflow created by REST, run by CLI while serving, read back by REST',
				async () => {
					const wf = await rest.createWorkflow(
						manualWorkflow({ name: 'smoke rest', word: 'rest', credId }),
					);
					const before = (await rest.listExecutions({ workflowId: wf.id })).map((e) => e.id);
					await e2e.executeWorkflow({ line, userFolder, id: wf.id });
					const ex = await rest.waitForExecution({ workflowId: wf.id, after: before });
					assert.strictEqual(ex.status, 'success', `status ${ex.status}`);
					const items = e2e.outputItems(ex, 'Dummy');
					assert.deepStrictEqual(
						items.map((i) => i.word),
						['rest', 'rest', 'rest'],
					);
					console.log(`       execution ${ex.id} mode=${ex.mode} status=${ex.status}`);
				},
			);

			await check('a failing node: execute reports it, REST reads the error', async () => {
				await e2e.importWorkflows({
					line,
					userFolder,
					workflows: [manualWorkflow({ id: 'e2eSmokeFail0001', name: 'smoke fail', word: 'fail' })],
				});
				const r = await e2e.executeWorkflow({
					line,
					userFolder,
					id: 'e2eSmokeFail0001',
					allowFailure: true,
				});
				assert.strictEqual(r.ok, false);
				assert.notStrictEqual(r.code, 0, 'non-zero exit');
				assert.ok(r.run, 'failed run data read from the log');
				assert.match(JSON.stringify(e2e.executionError(r.run)), /asked to fail/);
				const ex = await rest.waitForExecution({ workflowId: 'e2eSmokeFail0001' });
				assert.strictEqual(ex.status, 'error');
				assert.match(ex.data.resultData.error.message, /asked to fail/);
				assert.throws(() => e2e.outputItems(ex, 'Dummy'), /asked to fail/);
				console.log(
					`       exit ${r.code}; execution ${ex.id} status=${ex.status}: ${ex.data.resultData.error.message}`,
				);
			});
		});

		await stages.run(`${line.id}: webhook workflow activate/deactivate`, async () => {
			const wf = await rest.createWorkflow(webhookWorkflow(line.id));
			const url = `${n8n.webhookUrl}webhook/e2e-${line.id}`;
			await check('activate (REST) registers the production webhook', async () => {
				await rest.activate(wf.id);
				const r = await post(url, { hello: 'world' });
				assert.strictEqual(r.status, 200, `POST ${url}: ${r.status} ${r.text}`);
			});
			await check('the webhook run is readable by REST with its items', async () => {
				const ex = await rest.waitForExecution({ workflowId: wf.id });
				assert.strictEqual(ex.status, 'success');
				const items = e2e.outputItems(ex, 'Dummy');
				assert.strictEqual(items.length, 1);
				assert.deepStrictEqual(items[0].body, { hello: 'world' });
				assert.strictEqual(items[0].word, 'hooked');
				console.log(`       execution ${ex.id} mode=${ex.mode}`);
			});
			await check('deactivate (REST) removes the webhook', async () => {
				await rest.deactivate(wf.id);
				const r = await post(url, { again: true });
				assert.strictEqual(r.status, 404, `after deactivate: ${r.status} ${r.text.slice(0, 200)}`);
			});
		});
	} finally {
		await stages.run(`${line.id}: stop n8n`, async () => {
			const code = await n8n.stop();
			console.log(`  n8n exited with ${code}`);
		});
	}

	await stages.run(`${line.id}: CLI activation + restart on the same user folder`, async () => {
		const wf = webhookWorkflow(`${line.id}-cli`);
		await e2e.importWorkflows({ line, userFolder, workflows: [{ ...wf, id: 'e2eSmokeHook0001' }] });
		await e2e.setActiveCli({ line, userFolder, id: 'e2eSmokeHook0001', active: true });
		const again = await e2e.startN8n({ line, userFolder });
		try {
			console.log(`  restarted in ${again.startedInMs} ms`);
			const rest = new e2e.N8nRest(again);
			await check('restart: login again on the existing owner', () => rest.login());
			const url = `${again.webhookUrl}webhook/e2e-${line.id}-cli`;
			await check('workflow activated by CLI serves its webhook after the restart', async () => {
				// 2.x reconciles activations asynchronously after start: poll a little.
				const end = Date.now() + 30000;
				let r;
				while ((r = await post(url, { via: 'cli' })).status !== 200 && Date.now() < end)
					await new Promise((ok) => setTimeout(ok, 500));
				assert.strictEqual(r.status, 200, `POST ${url}: ${r.status} ${r.text.slice(0, 200)}`);
				const ex = await rest.waitForExecution({ workflowId: 'e2eSmokeHook0001' });
				assert.deepStrictEqual(e2e.outputItems(ex, 'Dummy')[0].body, { via: 'cli' });
			});
			await check('REST deactivation of the CLI-activated workflow', async () => {
				await rest.deactivate('e2eSmokeHook0001');
				assert.strictEqual((await post(url, {})).status, 404);
			});
		} finally {
			await again.stop();
		}
	});
}

async function main() {
	const lines = process.argv.slice(2).length ? process.argv.slice(2) : e2e.lineIds();
	const tarball = await stages.run('npm pack dummy package', async () =>
		e2e.npmPack(path.join(__dirname, 'fixtures', 'dummy-package'), path.join(e2e.WORK_DIR, 'pack')),
	);
	console.log(`  ${tarball}`);
	for (const id of lines) {
		try {
			await smokeLine(id, tarball);
		} catch (e) {
			checks.fail(id, e);
		}
	}
	console.log(`\n${stages.summary()}`);
	console.log(`\n${checks.summaryLine()}`);
	process.exit(checks.failed ? 1 : 0);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
