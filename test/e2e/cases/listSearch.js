'use strict';
// What the editor asks when a user opens the Workflow list (resource locator, "From List").
const assert = require('assert');

const title = 'list search';

async function run({ rest, check, credentials }) {
	const { credential } = credentials;
	await check(
		'the editor’s workflow list shows Benchwork workflows by name, filtered as typed',
		async () => {
			const answer = await rest.data(
				'POST',
				'/rest/dynamic-node-parameters/resource-locator-results',
				{
					body: {
						path: 'parameters.workflowId',
						nodeTypeAndVersion: { name: 'n8n-nodes-benchwork.benchwork', version: 1 },
						methodName: 'searchWorkflows',
						currentNodeParameters: {
							resource: 'workflow',
							operation: 'get',
							workflowId: { __rl: true, mode: 'list', value: '' },
						},
						credentials: { benchworkApi: { id: credential.id, name: credential.name } },
						filter: 'orders',
					},
				},
			);
			assert.ok(answer.results.length > 0, JSON.stringify(answer));
			assert.ok(
				answer.results.some(
					(r) => r.name === 'Orders sync (active)' && r.value === 'wf_orders_sync',
				),
				JSON.stringify(answer.results),
			);
			assert.ok(answer.results.every((r) => /orders/i.test(`${r.name} ${r.value}`)));
		},
	);
}

module.exports = { title, run };
