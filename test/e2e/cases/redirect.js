'use strict';
// A redirect is never followed: a 302 (GET) and a 307 (trigger) to another local host.
const assert = require('assert');
const { KEYS } = require('../../sandbox/server');
const { runToNodeError, savedText, startCaptureServer } = require('../lib');
const { oneNodeWorkflow, byId } = require('../workflows');

const title = 'redirects';

const CASES = [
	{
		method: 'GET',
		path: '/workflows',
		status: 302,
		parameters: { resource: 'workflow', operation: 'get', workflowId: byId('wf_orders_sync') },
	},
	{
		method: 'POST',
		path: '/trigger',
		status: 307,
		parameters: {
			resource: 'workflow',
			operation: 'trigger',
			workflowId: byId('wf_orders_sync'),
			payload: '{"orderId": 42}',
		},
	},
];

async function run(ctx) {
	const { rest, sandbox, check, credentials } = ctx;
	const elsewhere = await startCaptureServer();
	try {
		for (const { method, path, status, parameters } of CASES) {
			await check(
				`a ${status} to another host answering ${method} is not followed: that host gets nothing, the error names status and origin`,
				async () => {
					await sandbox.reset();
					await sandbox.addFault({
						method,
						path,
						status,
						body: '',
						headers: { Location: `${elsewhere.origin}/api/v1/elsewhere` },
						times: 0,
					});
					const { workflow, nodeRun } = await runToNodeError(
						ctx,
						oneNodeWorkflow(
							`Benchwork e2e: redirect ${status}`,
							parameters,
							credentials.credential,
						),
					);
					assert.strictEqual(
						nodeRun.error.message,
						`Benchwork at ${sandbox.baseUrl} answered with a redirect (${status}) to ${elsewhere.origin}; it was not followed [item 0]`,
					);
					assert.deepStrictEqual(elsewhere.requests, [], 'the other host received nothing');
					assert.deepStrictEqual((await sandbox.stats()).executionsStarted, {});
					assert.ok(
						!(await savedText(rest, workflow.id)).includes(KEYS.enterprise),
						'no API key in the saved execution',
					);
				},
			);
		}
	} finally {
		await elsewhere.close();
	}
	await sandbox.reset();
}

module.exports = { title, run };
