import type { IDataObject } from 'n8n-workflow';

import { at, BOTH_EVENTS, idsOf, usePollFixture } from './fixture';

const fixture = usePollFixture();

describe('Benchwork Polling Trigger: each finished run exactly once', () => {
	it('emits nothing at activation, and none of the runs that finished before it', async () => {
		const before = fixture.finished(at(0));
		const workflow = fixture.workflow();
		expect(await workflow.activate()).toBeNull();
		expect(await workflow.poll()).toBeNull();
		expect(workflow.emittedIds()).toEqual([]);
		expect(workflow.emittedIds()).not.toContain(before);
		// The seed's runs (from 2025) were never emitted either.
		expect(workflow.executions).toHaveLength(0);
	});

	it('starts one execution per poll holding every run found, oldest first, in the webhook trigger’s Whole Event shape', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const second = fixture.finished(at(2), 'failed');
		const first = fixture.finished(at(1), 'success', { workflowId: 'wf_inventory_eu' });
		const result = await workflow.poll();
		expect(workflow.executions).toHaveLength(1);
		expect(idsOf(result?.[0])).toEqual([first, second]);
		const [completed, failed] = result![0].map((item) => item.json as IDataObject);
		expect(completed).toMatchObject({
			event: 'execution.completed',
			createdAt: at(1),
			execution: { id: first, workflowId: 'wf_inventory_eu', status: 'success', finishedAt: at(1) },
		});
		expect(failed).toMatchObject({
			event: 'execution.failed',
			execution: {
				id: second,
				status: 'failed',
				error: { message: expect.stringContaining('failed') },
			},
		});
		expect(String(completed.deliveryId)).toMatch(/^poll_[0-9a-f]{32}$/);
		expect(await workflow.poll()).toBeNull();
		expect(workflow.emittedIds()).toEqual([first, second]);
	});

	it('gives Execution Only the execution with its event, as the webhook trigger does', async () => {
		const workflow = fixture.workflow({ events: BOTH_EVENTS, options: { output: 'execution' } });
		await workflow.activate();
		const id = fixture.finished(at(1), 'failed');
		const [[item]] = (await workflow.poll())!;
		expect(item.json).toMatchObject({ id, status: 'failed', event: 'execution.failed' });
		expect(item.json).not.toHaveProperty('execution');
	});

	it('emits each run once when the server shuffles its answers and runs finish across polls, with equal finishedAt values', async () => {
		fixture.sandbox().configure({ listOrder: 'shuffled' });
		const workflow = fixture.workflow();
		await workflow.activate();
		const expected: string[] = [];
		for (let round = 0; round < 4; round++) {
			// Three runs share one finishedAt, two more finish a second later; some fail.
			for (let n = 0; n < 3; n++)
				expected.push(fixture.finished(at(round + 1), n === 1 ? 'failed' : 'success'));
			for (let n = 0; n < 2; n++) expected.push(fixture.finished(at(round + 1, 1)));
			await workflow.poll();
			await workflow.poll();
		}
		expect(workflow.executions).toHaveLength(4);
		expect([...workflow.emittedIds()].sort()).toEqual([...expected].sort());
		expect(new Set(workflow.emittedIds()).size).toBe(expected.length);
		// Oldest first inside each execution, whatever order Benchwork answered in.
		for (const items of workflow.executions) {
			const times = items.map((item) =>
				Date.parse(String(((item.json as IDataObject).execution as IDataObject).finishedAt)),
			);
			expect(times).toEqual([...times].sort((a, b) => a - b));
		}
	});

	it('emits a run with the same finishedAt as one already emitted when it shows up a poll later', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const first = fixture.finished(at(1));
		await workflow.poll();
		const twin = fixture.finished(at(1));
		await workflow.poll();
		expect(workflow.executions.map((items) => idsOf(items as never))).toEqual([[first], [twin]]);
	});

	it('emits a run seen running at one poll once it has finished, even when it started before runs already emitted', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const longRun = fixture.running(at(0));
		const quick = fixture.finished(at(2));
		await workflow.poll();
		await fixture.sandbox().finishExecution(longRun, { status: 'failed', finishedAt: at(5) });
		await workflow.poll();
		expect(workflow.executions.map((items) => idsOf(items as never))).toEqual([[quick], [longRun]]);
	});

	it('emits a run that shows up after newer ones with an older finishedAt, within the look-back', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const newer = fixture.finished(at(3));
		await workflow.poll();
		// Stamped before the run already emitted, listed only now (Benchwork set finishedAt late).
		const late = fixture.finished(at(2, 30));
		await workflow.poll();
		expect(workflow.emittedIds()).toEqual([newer, late]);
		await workflow.poll();
		expect(workflow.emittedIds()).toEqual([newer, late]);
	});

	it('costs one GET /executions per selected event per poll, and never starts a run', async () => {
		const both = fixture.workflow();
		await both.activate();
		await both.poll();
		expect(fixture.listQueries()).toEqual([
			'status=success&limit=100',
			'status=failed&limit=100',
			'status=success&limit=100',
			'status=failed&limit=100',
		]);
		const one = fixture.workflow({ events: ['execution.failed'], options: {} });
		await one.activate();
		expect(fixture.listQueries().slice(4)).toEqual(['status=failed&limit=100']);
		expect(fixture.requests().every((request) => request.method === 'GET')).toBe(true);
		expect(Object.keys(fixture.sandbox().stats().triggerAttempts)).toEqual([]);
	});

	it('with a workflow filter, asks per workflow and emits only their runs', async () => {
		const workflow = fixture.workflow({
			events: ['execution.completed'],
			options: { workflowIds: ['wf_inventory_eu', 'wf_inventory_us'] },
		});
		await workflow.activate();
		const eu = fixture.finished(at(1), 'success', { workflowId: 'wf_inventory_eu' });
		fixture.finished(at(1), 'success', { workflowId: 'wf_orders_sync' });
		fixture.finished(at(1), 'failed', { workflowId: 'wf_inventory_us' });
		const us = fixture.finished(at(2), 'success', { workflowId: 'wf_inventory_us' });
		await workflow.poll();
		expect(workflow.emittedIds()).toEqual([eu, us]);
		expect(fixture.listQueries().slice(-2)).toEqual([
			'status=success&limit=100&workflowId=wf_inventory_eu',
			'status=success&limit=100&workflowId=wf_inventory_us',
		]);
	});
});
