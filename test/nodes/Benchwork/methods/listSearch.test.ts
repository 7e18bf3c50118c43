import { Benchwork } from '../../../../nodes/Benchwork/Benchwork.node';
import { runListSearch } from '../../../helpers/n8nHarness';
import { credentialsFor, lastRequest, useSandbox } from '../../../helpers/sandbox';

const sandbox = useSandbox();

describe('list search', () => {
	it('lists workflows by name with their status, valued by ID', async () => {
		const { results } = await runListSearch(
			new Benchwork(),
			'searchWorkflows',
			credentialsFor(sandbox.current),
		);
		expect(results.length).toBeGreaterThanOrEqual(10);
		expect(results).toContainEqual({ name: 'Orders sync (active)', value: 'wf_orders_sync' });
		expect(lastRequest(sandbox.current).url).toContain('limit=100');
	});

	it('narrows workflows by the typed filter, case-insensitively', async () => {
		const { results } = await runListSearch(
			new Benchwork(),
			'searchWorkflows',
			credentialsFor(sandbox.current),
			'ORDERS',
		);
		expect(results.length).toBeGreaterThan(0);
		expect(
			results.every((r) => /orders/i.test(String(r.name)) || /orders/i.test(String(r.value))),
		).toBe(true);
	});

	it('lists executions with workflow, status and start time', async () => {
		const { results } = await runListSearch(
			new Benchwork(),
			'searchExecutions',
			credentialsFor(sandbox.current),
		);
		expect(results.length).toBeGreaterThan(0);
		expect(String(results[0].name)).toMatch(
			/ · (running|success|failed) · \d{4}-\d\d-\d\dT.* \(.+\)$/,
		);
	});

	it('narrows executions to one workflow’s runs by its ID', async () => {
		const { results } = await runListSearch(
			new Benchwork(),
			'searchExecutions',
			credentialsFor(sandbox.current),
			'wf_flaky_payments',
		);
		expect(results.length).toBeGreaterThan(0);
		expect(results.every((r) => String(r.name).startsWith('Payment capture'))).toBe(true);
	});
});
