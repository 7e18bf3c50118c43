import { LoadOptionsContext } from 'n8n-core';

import { BenchworkTrigger } from '../../../../nodes/Benchwork/BenchworkTrigger.node';
import { additionalDataFor, buildWorkflow, nodeWith } from '../../../helpers/n8nHarness';
import { credentialsFor, useSandbox } from '../../../helpers/sandbox';
import { TRIGGER_TYPE } from '../../../helpers/triggerHarness';

const sandbox = useSandbox();

describe('Benchwork Trigger: workflow list for the Workflow IDs filter', () => {
	it('lists the Benchwork workflows by name, with their IDs as values', async () => {
		const nodeType = new BenchworkTrigger();
		const node = nodeWith(TRIGGER_TYPE, { events: ['execution.completed'], options: {} });
		const workflow = buildWorkflow(node, nodeType, TRIGGER_TYPE);
		const context = new LoadOptionsContext(
			workflow,
			node,
			additionalDataFor(credentialsFor(sandbox.current)),
			'options.workflowIds',
		);

		const options = await nodeType.methods.loadOptions.getWorkflows.call(context);
		expect(options).toContainEqual({
			name: 'Monthly sales report (active)',
			value: 'wf_long_report',
		});
		expect(options.map((option) => option.value)).toContain('wf_draft_import');
		const names = options.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(sandbox.current.stats().requests.map((request: { url: string }) => request.url)).toEqual(
			['/api/v1/workflows?limit=100'],
		);
	});
});
