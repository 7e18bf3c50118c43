import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { BenchworkApi } from '../../../credentials/BenchworkApi.credentials';
import { Benchwork } from '../../../nodes/Benchwork/Benchwork.node';
import { BenchworkPollingTrigger } from '../../../nodes/Benchwork/BenchworkPollingTrigger.node';
import { BenchworkTrigger } from '../../../nodes/Benchwork/BenchworkTrigger.node';
import { items, runBenchwork, runError, startWorkflow, useSandbox } from '../../helpers/sandbox';

/*
 * What the editor shows of the nodes and the credential, read as a user reads it: every label,
 * description, hint, notice and choice.
 */
const nodes: Array<[string, INodeTypeDescription]> = [
	['Benchwork', new Benchwork().description],
	['Benchwork Trigger', new BenchworkTrigger().description],
	['Benchwork Polling Trigger', new BenchworkPollingTrigger().description],
];

/** Every property, nested ones (collections, options of options) included. */
function allProperties(properties: readonly INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...allProperties(
			(property.options ?? []).filter(
				(option): option is INodeProperties => 'displayName' in option,
			),
		),
	]);
}

/** Every text the editor shows for these properties. */
function shownTexts(properties: readonly INodeProperties[]): string[] {
	return allProperties(properties).flatMap((property) => [
		property.displayName,
		property.description ?? '',
		property.hint ?? '',
		property.placeholder ?? '',
		...(property.options ?? []).flatMap((option) =>
			'value' in option ? [option.name, option.description ?? ''] : [],
		),
	]);
}

const credential = new BenchworkApi();
const texts = [
	...nodes.flatMap(([, description]) => [
		description.displayName,
		description.description,
		...shownTexts(description.properties),
	]),
	credential.displayName,
	...shownTexts(credential.properties),
].filter((text) => text !== '');

describe('the text the editor shows', () => {
	it('writes apostrophes one way: straight, never curly', () => {
		expect(texts.filter((text) => /[‘’]/.test(text))).toEqual([]);
	});

	it.each(nodes)('%s: describes only yes/no fields with "Whether…", as n8n does', (_, node) => {
		const misworded = allProperties(node.properties).filter(
			(property) => property.type !== 'boolean' && /^Whether\b/.test(property.description ?? ''),
		);
		expect(misworded.map((property) => property.displayName)).toEqual([]);
	});

	it.each(nodes)('%s: keeps each notice short enough to read at a glance', (_, node) => {
		for (const notice of node.properties.filter((property) => property.type === 'notice')) {
			expect(notice.displayName.split(/\s+/).length).toBeLessThanOrEqual(50);
		}
	});

	it('never speaks of the test sandbox, which users do not have', () => {
		expect(texts.filter((text) => /sandbox|127\.0\.0\.1|localhost/i.test(text))).toEqual([]);
	});

	it('the webhook trigger notice names the webhook URL setting and the new-key step of both n8n lines', () => {
		const notice = new BenchworkTrigger().description.properties.find(
			(property) => property.type === 'notice',
		);
		expect(notice?.displayName).toMatch(/N8N_WEBHOOK_URL \(WEBHOOK_URL on n8n 1\.x\)/);
		expect(notice?.displayName).toMatch(
			/unpublish and publish the workflow again \(on n8n 1\.x: deactivate and activate it\)/,
		);
	});
});

describe('the wait fields refuse in the editor what a run refuses', () => {
	const sandbox = useSandbox();
	const fields = allProperties(new Benchwork().description.properties);

	it.each([
		['timeout', 'Timeout'],
		['pollInterval', 'Poll Interval'],
	])('%s: the editor stops at the largest value a run accepts', async (name, label) => {
		const max = fields.find((property) => property.name === name)?.typeOptions?.maxValue;
		expect(typeof max).toBe('number');
		const waiting = startWorkflow('wf_orders_sync', {
			waitForCompletion: true,
			[name]: Number(max) + 1,
		});
		const error = await runError(runBenchwork(sandbox.current, waiting, { items: items(1) }));
		expect(error.message).toBe(
			`${label}: ${Number(max) + 1} is not a number of seconds from ${name === 'timeout' ? 1 : 0.5} to ${max} [item 0]`,
		);
		expect(sandbox.current.stats().requests).toEqual([]);
	});
});
