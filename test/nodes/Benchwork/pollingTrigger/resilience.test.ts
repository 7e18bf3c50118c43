import { at, idsOf, logText, usePollFixture } from './fixture';

const fixture = usePollFixture();

describe('Benchwork Polling Trigger: failures, restarts and catch-up', () => {
	it('a failed poll emits nothing and changes nothing; the next poll emits what it would have', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const saved = JSON.stringify(workflow.staticData);
		const first = fixture.finished(at(1));
		// The success list answers, the failed list keeps failing: the poll as a whole fails.
		fixture.sandbox().addFault({ path: 'status=failed', status: 500, times: 0 });
		expect(await workflow.poll()).toBeNull();
		expect(workflow.pollErrors).toHaveLength(1);
		expect(workflow.pollErrors[0].message).toMatch(/500|Benchwork/);
		expect(workflow.executions).toHaveLength(0);
		expect(JSON.stringify(workflow.staticData)).toBe(saved);
		fixture.sandbox().clearFaults();
		const second = fixture.finished(at(2), 'failed');
		await workflow.poll();
		expect(workflow.emittedIds()).toEqual([first, second]);
	});

	it('waits out a 429 during a poll and emits each run once', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const id = fixture.finished(at(1));
		fixture.sandbox().addFault({
			path: '/executions',
			status: 429,
			headers: { 'Retry-After': '1' },
			body: { error: { code: 'rate_limited', message: 'Too many requests' } },
		});
		await workflow.poll();
		expect(workflow.pollErrors).toEqual([]);
		expect(workflow.emittedIds()).toEqual([id]);
		expect(fixture.requests().some((request) => request.status === 429)).toBe(true);
		await workflow.poll();
		expect(workflow.emittedIds()).toEqual([id]);
	});

	it('after a restart, the first poll emits every run that finished while n8n was stopped, oldest first, none twice', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const beforeStop = fixture.finished(at(1));
		await workflow.poll();
		// A poll that found nothing new saves nothing; the restart must still not repeat beforeStop.
		await workflow.poll();
		workflow.stop();
		const whileStopped = [
			fixture.finished(at(4), 'failed'),
			fixture.finished(at(3)),
			fixture.finished(at(3)),
		];
		const result = await workflow.activate('init');
		expect(idsOf(result?.[0])).toEqual([whileStopped[1], whileStopped[2], whileStopped[0]]);
		await workflow.poll();
		expect(workflow.emittedIds()).toEqual([
			beforeStop,
			whileStopped[1],
			whileStopped[2],
			whileStopped[0],
		]);
	});

	it('a restart after runs were seen but before a poll emitted them still emits them once', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const id = fixture.finished(at(1));
		fixture.sandbox().addFault({ path: 'status=failed', status: 500, times: 0 });
		await workflow.poll();
		fixture.sandbox().clearFaults();
		workflow.stop();
		await workflow.activate('init');
		await workflow.poll();
		expect(workflow.emittedIds()).toEqual([id]);
	});

	it('publishing changes (update) keeps the cursor; unpublishing and publishing again catches up on what finished in between', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const duringUpdate = fixture.finished(at(1));
		workflow.stop();
		await workflow.activate('update');
		expect(workflow.emittedIds()).toEqual([duringUpdate]);
		workflow.unpublish();
		const whileUnpublished = fixture.finished(at(2));
		const result = await workflow.activate('activate');
		expect(idsOf(result?.[0])).toEqual([whileUnpublished]);
		await workflow.poll();
		const afterPublication = fixture.finished(at(3));
		await workflow.poll();
		expect(workflow.emittedIds()).toEqual([duringUpdate, whileUnpublished, afterPublication]);
	});

	it('when more than 100 finished since the last poll, emits the 100 Benchwork lists and says in the log that older ones may be missing', async () => {
		const workflow = fixture.workflow({ events: ['execution.completed'], options: {} });
		await workflow.activate();
		const ids: string[] = [];
		for (let n = 0; n < 130; n++) ids.push(fixture.finished(at(1, n)));
		await workflow.poll();
		expect(workflow.emittedIds()).toEqual(ids.slice(30));
		expect(logText('warn')).toMatch(
			/answer for "execution.completed" was full .*older runs that finished since then may be missing\. Poll more often, or set a workflow filter/,
		);
		await workflow.poll();
		expect(workflow.executions).toHaveLength(1);
	});

	it('with a workflow filter each workflow gets its own 100, so the same burst is caught up whole', async () => {
		const workflow = fixture.workflow({
			events: ['execution.completed'],
			options: { workflowIds: 'wf_orders_sync, wf_inventory_eu' },
		});
		await workflow.activate();
		const ids: string[] = [];
		for (let n = 0; n < 130; n++)
			ids.push(
				fixture.finished(at(1, n), 'success', {
					workflowId: n % 2 === 0 ? 'wf_orders_sync' : 'wf_inventory_eu',
				}),
			);
		workflow.stop();
		await workflow.activate('init');
		expect(workflow.emittedIds()).toEqual(ids);
		expect(logText('warn')).toBe('');
	});

	it('a full answer that reaches back to runs already handled logs no warning', async () => {
		const workflow = fixture.workflow({ events: ['execution.completed'], options: {} });
		for (let n = 0; n < 100; n++) fixture.finished(at(1, n));
		await workflow.activate();
		const fresh = [fixture.finished(at(5)), fixture.finished(at(6))];
		await workflow.poll();
		expect(workflow.emittedIds()).toEqual(fresh);
		expect(logText('warn')).toBe('');
	});
});
