'use strict';
// Every workflow under examples/ imports into n8n as it is (with the suite's credential, as a user
// picks theirs), and runs: a workflow started by hand runs to its end with `n8n execute`; one
// started by a trigger publishes (its trigger registers or polls without an error) and unpublishes.
// The IDs the examples name (wf_orders_sync, wf_flaky_payments) are the sandbox's, as in the demo.
const assert = require('assert');
const { loadExamples, withCredential } = require('../../../demo/lib/examples');
const { executeWorkflow, executionError, outputItems } = require('../lib');

const title = 'every example workflow imports and runs';

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/** The node types a workflow needs that this n8n does not know (an older line may lack some). */
function missingTypes(workflow, known) {
	return [...new Set(workflow.nodes.map((node) => node.type))].filter((type) => !known.has(type));
}

async function run({ line, userFolder, rest, sandbox, check, credentials }) {
	await sandbox.reset();
	const known = new Set((await rest.nodeTypes()).map((type) => type.name));
	for (const { file, workflow } of loadExamples()) {
		const missing = missingTypes(workflow, known);
		if (missing.length > 0) {
			console.log(`  skip ${file}: n8n ${line.n8nVersion} has no ${missing.join(', ')}`);
			continue;
		}
		const created = await rest.createWorkflow(withCredential(workflow, credentials.credential));
		const byHand = workflow.nodes.some((node) => node.type === MANUAL_TRIGGER);
		if (byHand) {
			await check(`examples/${file} runs to its end`, async () => {
				const result = await executeWorkflow({
					line,
					userFolder,
					id: created.id,
					allowFailure: true,
				});
				assert.ok(result.ok, `run failed: ${JSON.stringify(executionError(result.run))}`);
				const last = workflow.nodes[workflow.nodes.length - 1].name;
				assert.ok(outputItems(result.run, last).length > 0, `no output from "${last}"`);
			});
		} else {
			await check(`examples/${file} publishes and unpublishes`, async () => {
				await rest.activate(created.id);
				await rest.deactivate(created.id);
			});
		}
	}
}

module.exports = { title, run };
