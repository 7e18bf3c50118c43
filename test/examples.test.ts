/**
 * The example workflows in examples/ import into n8n as they are: every Benchwork node in them
 * names this package's node types and only parameters those nodes show for the chosen resource
 * and operation (so a renamed or moved parameter cannot leave an example silently broken). The
 * agent example's tool nodes are checked against the node n8n generates from `usableAsTool`.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { Benchwork } from '../nodes/Benchwork/Benchwork.node';
import { BenchworkPollingTrigger } from '../nodes/Benchwork/BenchworkPollingTrigger.node';
import { BenchworkTrigger } from '../nodes/Benchwork/BenchworkTrigger.node';

interface ExampleNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: IDataObject;
	credentials?: Record<string, { id: string | null; name: string }>;
}

const dir = join(__dirname, '..', 'examples');
const examples = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(dir, file), 'utf8')) }));

const descriptions: Record<string, INodeTypeDescription> = {
	'n8n-nodes-benchwork.benchwork': new Benchwork().description,
	'n8n-nodes-benchwork.benchworkTrigger': new BenchworkTrigger().description,
	'n8n-nodes-benchwork.benchworkPollingTrigger': withPollTimes(
		new BenchworkPollingTrigger().description,
	),
	'n8n-nodes-benchwork.benchworkTool': asTool(new Benchwork().description),
};

/** n8n's tool variant of a `usableAsTool` node: its fields plus how the tool is described. */
function asTool(description: INodeTypeDescription): INodeTypeDescription {
	const describedBy: INodeProperties[] = [
		{ displayName: 'Tool Description', name: 'descriptionType', type: 'options', default: 'auto' },
		{ displayName: 'Description', name: 'toolDescription', type: 'string', default: '' },
	];
	return { ...description, properties: [...describedBy, ...description.properties] };
}

/** n8n adds its Poll Times field to every node with `polling: true`. */
function withPollTimes(description: INodeTypeDescription): INodeTypeDescription {
	const pollTimes: INodeProperties = {
		displayName: 'Poll Times',
		name: 'pollTimes',
		type: 'fixedCollection',
		default: {},
	};
	return { ...description, properties: [pollTimes, ...description.properties] };
}

/**
 * Whether a property is shown for these parameter values (only `show` rules on plain values; a
 * value set by an expression, such as a tool's `$fromAI()`, may take any allowed value).
 */
function shown(property: INodeProperties, values: IDataObject): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([key, allowed]) => {
		const value = values[key.replace(/^\//, '')];
		return (
			(typeof value === 'string' && value.startsWith('=')) || (allowed as unknown[]).includes(value)
		);
	});
}

/** Parameter paths the example sets that the node does not show. */
function unknownParameters(
	properties: INodeProperties[],
	values: IDataObject,
	prefix = '',
): string[] {
	const out: string[] = [];
	for (const [key, value] of Object.entries(values)) {
		const property = properties.find((p) => p.name === key && shown(p, values));
		if (!property) {
			out.push(`${prefix}${key}`);
			continue;
		}
		if (property.type === 'collection' && value && typeof value === 'object') {
			out.push(
				...unknownParameters(
					(property.options ?? []) as INodeProperties[],
					value as IDataObject,
					`${prefix}${key}.`,
				),
			);
		}
	}
	return out;
}

describe('the example workflows', () => {
	it('are there: agent tools, trigger and wait, summarise failures, react to failures (webhook and polling)', () => {
		expect(examples.map((e) => e.file).sort()).toEqual([
			'agent-tools.json',
			'react-to-failed-runs-polling.json',
			'react-to-failed-runs.json',
			'summarise-failed-executions.json',
			'trigger-and-wait.json',
		]);
	});

	describe.each(examples.map((e) => [e.file, e.workflow]))('%s', (_file, workflow) => {
		const nodes = workflow.nodes as ExampleNode[];
		const ours = nodes.filter((n) => n.type.startsWith('n8n-nodes-benchwork.'));

		it('uses this package’s nodes, each with the credential named “Benchwork account”', () => {
			expect(ours.length).toBeGreaterThan(0);
			for (const node of ours) {
				expect(Object.keys(descriptions)).toContain(node.type);
				expect(node.credentials?.benchworkApi).toEqual({ id: null, name: 'Benchwork account' });
			}
		});

		it('uses each node at the version the editor adds today', () => {
			for (const node of ours) {
				const { version, defaultVersion } = descriptions[node.type];
				expect(node.typeVersion).toBe(defaultVersion ?? Math.max(...[version].flat()));
			}
		});

		it('sets only parameters the nodes show for the chosen resource and operation', () => {
			for (const node of ours) {
				const description = descriptions[node.type];
				expect([description.version].flat()).toContain(node.typeVersion);
				expect(unknownParameters(description.properties, node.parameters)).toEqual([]);
			}
		});

		it('connects nodes that exist', () => {
			const names = new Set(nodes.map((n) => n.name));
			for (const [from, outputs] of Object.entries(
				workflow.connections as Record<string, Record<string, Array<Array<{ node: string }>>>>,
			)) {
				expect(names).toContain(from);
				for (const links of Object.values(outputs))
					for (const link of links.flat()) expect(names).toContain(link.node);
			}
		});
	});
});

describe('the agent tools example', () => {
	const { workflow } = examples.find((e) => e.file === 'agent-tools.json') ?? { workflow: {} };
	const nodes = (workflow.nodes ?? []) as ExampleNode[];
	const tools = nodes.filter((n) => n.type === 'n8n-nodes-benchwork.benchworkTool');

	it('gives an MCP Server Trigger four Benchwork tools, each with a written description', () => {
		const trigger = nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
		expect(trigger?.typeVersion).toBe(2);
		expect(tools).toHaveLength(4);
		for (const tool of tools) {
			expect(tool.parameters.descriptionType).toBe('manual');
			expect(String(tool.parameters.toolDescription).length).toBeGreaterThan(40);
			expect(workflow.connections[tool.name].ai_tool).toEqual([
				[{ node: trigger?.name, type: 'ai_tool', index: 0 }],
			]);
		}
	});

	it('lets the model choose the wait, capped by the Timeout, and answers simplified', () => {
		const start = tools.find((n) => n.parameters.operation === 'trigger');
		expect(start?.parameters.timeout).toMatch(/^=\{\{ Math\.min\(\$fromAI\(.*\), 45\) \}\}$/);
		for (const tool of tools.filter((n) => n.parameters.resource === 'execution'))
			expect(tool.parameters.simplify).toBe(true);
		expect(start?.parameters.simplify).toBe(true);
	});
});
