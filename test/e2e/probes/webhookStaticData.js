#!/usr/bin/env node
'use strict';
// Probe: does n8n save static data that a trigger's webhook() changes? It decides where the
// Benchwork Trigger remembers recent deliveries (nodes/Benchwork/webhookTrigger/delivery/replay.ts).
// A throw-away community node appends each request's `id` to its static data and either starts
// the workflow or only answers. Four requests in a row (a, b started; c, d answered only) show
// what each call found, and the database shows what was saved at the end.
// Usage: node test/e2e/probes/webhookStaticData.js [n8n-1|n8n-2 ...]   (lines installed)
const path = require('path');

const e2e = require('../lib');
const { webhookToNoOp } = require('../workflows');

const NODE = `
class StaticDataProbe {
	constructor() {
		this.description = {
			displayName: 'Static Data Probe', name: 'staticDataProbe', group: ['trigger'], version: 1,
			description: 'Appends each request id to static data', defaults: { name: 'Probe' },
			inputs: [], outputs: ['main'], properties: [],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		};
	}
	async webhook() {
		const data = this.getWorkflowStaticData('node');
		const body = this.getBodyData();
		const found = Array.isArray(data.seen) ? [...data.seen] : [];
		data.seen = [...found, body.id];
		if (body.start === false) return { webhookResponse: { found } };
		return { workflowData: [[{ json: { found } }]] };
	}
}
module.exports = { StaticDataProbe };
`;

const PACKAGE = {
	name: 'n8n-nodes-static-data-probe',
	version: '0.0.1',
	license: 'MIT',
	keywords: ['n8n-community-node-package'],
	n8n: { n8nNodesApiVersion: 1, nodes: ['StaticDataProbe.node.js'] },
};

function probeWorkflow() {
	return webhookToNoOp('Static data probe', {
		name: 'Probe',
		type: `${PACKAGE.name}.staticDataProbe`,
		typeVersion: 1,
		parameters: {},
	});
}

async function probeLine(id, tarball) {
	const line = e2e.getLine(id);
	const userFolder = e2e.makeUserFolder(`probe-static-data-${line.id}`);
	e2e.installCommunityPackage(userFolder, tarball);
	const n8n = await e2e.startN8n({ line, userFolder });
	try {
		const rest = new e2e.N8nRest(n8n);
		await rest.ensureOwner();
		const { workflow, webhookId } = probeWorkflow();
		const created = await rest.createWorkflow(workflow);
		await rest.activate(created.id);
		const url = `${n8n.webhookUrl}webhook/${webhookId}/webhook`;
		const post = async (body) => {
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			return { status: res.status, body: await res.json().catch(() => null) };
		};
		const answers = {};
		for (const [requestId, start] of [
			['a', true],
			['b', true],
			['c', false],
			['d', false],
		]) {
			// A started run may still be saving: give each call a quiet moment, as deliveries have.
			answers[requestId] = await post({ id: requestId, start });
			await new Promise((resolve) => setTimeout(resolve, 1500));
		}
		const executions = await rest.listExecutions({ workflowId: created.id });
		const foundByRun = [];
		for (const execution of executions.reverse()) {
			const full = await rest.getExecution(execution.id);
			foundByRun.push(e2e.outputItems(full, 'Probe')[0].found);
		}
		const saved = await rest.getWorkflow(created.id);
		return {
			line: `${line.id} (n8n ${line.n8nVersion})`,
			startedRunsFound: foundByRun,
			answersFound: { c: answers.c.body, d: answers.d.body },
			savedStaticData: saved.staticData,
		};
	} finally {
		await n8n.stop();
	}
}

async function main() {
	const lines = process.argv.slice(2).length ? process.argv.slice(2) : e2e.lineIds();
	const files = {
		'package.json': JSON.stringify(PACKAGE, null, 2),
		'StaticDataProbe.node.js': NODE,
	};
	const tarball = e2e.tarball.pack(files, path.join(e2e.WORK_DIR, 'pack', 'static-data-probe.tgz'));
	for (const id of lines) console.log(JSON.stringify(await probeLine(id, tarball), null, 1));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
