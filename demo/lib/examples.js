'use strict';
// The example workflows under examples/: read as they are, and created in the demo's n8n when a
// workflow of that name is not there yet (so the user's edits to them survive a restart).
const fs = require('fs');
const path = require('path');

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');
const TRIGGER_TYPE = 'n8n-nodes-benchwork.benchworkTrigger';

/** loadExamples() -> [{file, workflow}] for every examples/*.json, sorted by file name. */
function loadExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')),
		}));
}

/** The workflow with every Benchwork credential reference pointing at `credential`. */
function withCredential(workflow, credential) {
	const nodes = workflow.nodes.map((node) =>
		node.credentials && node.credentials.benchworkApi
			? {
					...node,
					credentials: {
						...node.credentials,
						benchworkApi: { id: credential.id, name: credential.name },
					},
				}
			: node,
	);
	return { ...workflow, nodes };
}

/**
 * ensureExamples(rest, credential) -> [{file, id, name, created}]
 * Creates each example that the instance has no workflow of the same name for.
 */
async function ensureExamples(rest, credential) {
	const existing = await rest.listWorkflows();
	const out = [];
	for (const { file, workflow } of loadExamples()) {
		const found = existing.find((w) => w.name === workflow.name);
		if (found) {
			out.push({ file, id: found.id, name: workflow.name, created: false });
			continue;
		}
		const created = await rest.createWorkflow(withCredential(workflow, credential));
		out.push({ file, id: created.id, name: workflow.name, created: true });
	}
	return out;
}

/** Whether a workflow (as REST returns it) is active: 1.x `active`, 2.x also `activeVersionId`. */
function isActive(workflow) {
	return Boolean(workflow.active || workflow.activeVersionId);
}

/**
 * reRegisterTriggers(rest) -> names of the active workflows with a Benchwork Trigger, each
 * deactivated and activated again. The sandbox keeps its webhooks in memory only and n8n does
 * not register a trigger again at start when its database says it is registered, so after a
 * restart of the demo only this gives the fresh sandbox its hooks back.
 */
async function reRegisterTriggers(rest) {
	const names = [];
	for (const summary of await rest.listWorkflows()) {
		if (!isActive(summary)) continue;
		const workflow = await rest.getWorkflow(summary.id);
		if (!workflow.nodes.some((n) => n.type === TRIGGER_TYPE && !n.disabled)) continue;
		await rest.deactivate(workflow.id);
		await rest.activate(workflow.id);
		names.push(workflow.name);
	}
	return names;
}

module.exports = { loadExamples, withCredential, ensureExamples, reRegisterTriggers, EXAMPLES_DIR };
