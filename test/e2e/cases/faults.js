'use strict';
// A wrong key, a deleted workflow, the sandbox down, the sandbox answering 500s: each a node
// error with our message and a description, n8n still healthy, no key in the saved execution.
const assert = require('assert');
const { KEYS } = require('../../sandbox/server');
const { freePort, httpGet, runToNodeError, savedText } = require('../lib');
const { oneNodeWorkflow, byId } = require('../workflows');
const { WRONG_KEY } = require('./credential');

const title = 'faults';

const getOrders = { resource: 'workflow', operation: 'get', workflowId: byId('wf_orders_sync') };

async function run(ctx) {
	const { n8n, rest, sandbox, check, credentials } = ctx;
	const down = await rest.createCredential({
		name: 'Benchwork down',
		type: 'benchworkApi',
		data: { apiKey: KEYS.enterprise, baseUrl: `http://127.0.0.1:${await freePort()}/api/v1` },
	});
	const cases = [
		{
			label: 'a wrong API key',
			parameters: getOrders,
			credential: credentials.wrong,
			message: /^Benchwork did not accept the API key \(401\)/,
		},
		{
			label: 'a deleted workflow',
			parameters: { ...getOrders, workflowId: byId('wf_deleted_since') },
			credential: credentials.credential,
			message: /^Benchwork has no workflow "wf_deleted_since" \(404\)/,
		},
		{
			label: 'the sandbox down',
			parameters: getOrders,
			credential: down,
			message: /^Could not get an answer from Benchwork at .*: the connection was refused/,
		},
		{
			label: 'the sandbox answering 500s',
			parameters: getOrders,
			credential: credentials.credential,
			fault: { method: 'GET', path: '/workflows', status: 500, times: 0 },
			message: /^Benchwork had a server error \(500\)/,
		},
	];
	for (const { label, parameters, credential, fault, message } of cases) {
		await check(
			`${label}: a clear node error in the saved execution, n8n unharmed, no key in it`,
			async () => {
				await sandbox.reset();
				if (fault) await sandbox.addFault(fault);
				const { workflow, execution, nodeRun } = await runToNodeError(
					ctx,
					oneNodeWorkflow(`Benchwork e2e: ${label}`, parameters, credential),
				);
				assert.strictEqual(execution.status, 'error');
				assert.match(nodeRun.error.message, message);
				assert.ok(nodeRun.error.description, 'the error says how to fix it');
				assert.strictEqual(
					(await httpGet(`${n8n.baseUrl}/healthz`)).status,
					200,
					'n8n still healthy',
				);
				const saved = await savedText(rest, workflow.id);
				assert.ok(
					!saved.includes(KEYS.enterprise) && !saved.includes(WRONG_KEY),
					'no API key in the saved execution',
				);
			},
		);
	}
	await sandbox.reset();
}

module.exports = { title, run };
