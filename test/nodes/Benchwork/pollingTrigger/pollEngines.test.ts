import type { PollEngine } from '../../../helpers/pollHarness';
import { at, BOTH_EVENTS, idsOf, logText, usePollFixture } from './fixture';

const fixture = usePollFixture();

/**
 * The same promises under both of n8n's poll engines: its default (one context per activation)
 * and n8n 2.41's durable scheduler (a fresh context for every poll, in activation mode `update`,
 * the cursor in a table of its own, no poll when n8n starts or when changes are published).
 */
describe.each<PollEngine>(['legacy', 'scheduler'])(
	'Benchwork Polling Trigger under n8n’s %s poll engine',
	(engine) => {
		const workflowOf = (parameters = { events: BOTH_EVENTS, options: {} }) =>
			fixture.workflow(parameters, engine);

		it('emits each run that finishes after publication once, also those that finish before n8n’s next poll, and none from before', async () => {
			const before = fixture.finished(at(0));
			const workflow = workflowOf();
			expect(await workflow.activate()).toBeNull();
			const right = [fixture.finished(at(1)), fixture.finished(at(1, 30), 'failed')];
			await workflow.poll();
			const later = fixture.finished(at(2));
			await workflow.poll();
			await workflow.poll();
			expect(workflow.emittedIds()).toEqual([...right, later]);
			expect(workflow.emittedIds()).not.toContain(before);
			expect(logText('info').match(/started watching/g)).toHaveLength(1);
		});

		it('catches up across a restart a workflow that has emitted nothing yet', async () => {
			const workflow = workflowOf();
			await workflow.activate();
			workflow.stop();
			const whileStopped = [fixture.finished(at(2)), fixture.finished(at(1), 'failed')];
			await workflow.activate('init');
			await workflow.poll();
			await workflow.poll();
			expect(workflow.emittedIds()).toEqual([whileStopped[1], whileStopped[0]]);
		});

		it('catches up across a restart after it emitted, nothing twice', async () => {
			const workflow = workflowOf();
			await workflow.activate();
			const first = fixture.finished(at(1));
			await workflow.poll();
			await workflow.poll();
			workflow.stop();
			const whileStopped = fixture.finished(at(2));
			await workflow.activate('init');
			await workflow.poll();
			await workflow.poll();
			expect(workflow.emittedIds()).toEqual([first, whileStopped]);
		});

		it('emits each run once when polls start together (Poll Times due at once, every overdue one after a restart)', async () => {
			const workflow = workflowOf();
			await workflow.activate();
			const first = fixture.finished(at(1));
			await workflow.pollTogether(3);
			workflow.stop();
			const whileStopped = fixture.finished(at(2));
			await workflow.activate('init');
			await workflow.pollTogether(3);
			await workflow.poll();
			expect(workflow.emittedIds()).toEqual([first, whileStopped]);
		});

		it('emits each run once when the overdue polls after a restart are the first since publication', async () => {
			const workflow = workflowOf();
			await workflow.activate();
			workflow.stop();
			const whileStopped = fixture.finished(at(2));
			await workflow.activate('init');
			await workflow.pollTogether(3);
			await workflow.poll();
			expect(workflow.emittedIds()).toEqual([whileStopped]);
		});

		it('a failed poll holds nothing back: the next one, at once, emits what it would have', async () => {
			const workflow = workflowOf();
			await workflow.activate();
			const id = fixture.finished(at(1));
			fixture.sandbox().addFault({ path: 'status=failed', status: 500, times: 0 });
			await workflow.poll();
			expect(workflow.pollErrors).toHaveLength(1);
			fixture.sandbox().clearFaults();
			await workflow.poll();
			expect(workflow.emittedIds()).toEqual([id]);
		});

		it('changing the Events takes a new baseline (none of the runs before it), and changing back does not replay the runs in between', async () => {
			const workflow = workflowOf();
			await workflow.activate();
			const success = fixture.finished(at(1));
			await workflow.poll();
			const failedBefore = fixture.finished(at(2), 'failed');
			workflow.parameters = { events: ['execution.failed'], options: {} };
			await workflow.activate('update');
			// The scheduler polls nothing when changes are published: its next poll takes the baseline.
			await workflow.poll();
			const failedAfter = fixture.finished(at(3), 'failed');
			const successMeanwhile = fixture.finished(at(3, 30));
			await workflow.poll();
			workflow.parameters = { events: BOTH_EVENTS, options: {} };
			await workflow.activate('update');
			await workflow.poll();
			const successAfter = fixture.finished(at(4));
			await workflow.poll();
			expect(workflow.emittedIds()).toEqual([success, failedAfter, successAfter]);
			expect(workflow.emittedIds()).not.toContain(failedBefore);
			expect(workflow.emittedIds()).not.toContain(successMeanwhile);
			expect(logText('info')).toMatch(
				/the Events or the workflow filter changed: started watching afresh/,
			);
		});

		it('a credential pointing to another Benchwork (base URL) takes a new baseline', async () => {
			const workflow = workflowOf();
			await workflow.activate();
			fixture.finished(at(1));
			workflow.credentials = {
				...workflow.credentials,
				baseUrl: workflow.credentials.baseUrl.replace('127.0.0.1', 'localhost'),
			};
			await workflow.activate('update');
			await workflow.poll();
			const after = fixture.finished(at(2));
			await workflow.poll();
			expect(workflow.emittedIds()).toEqual([after]);
			expect(logText('info')).toMatch(
				/points to another Benchwork \(base URL\): started watching afresh/,
			);
		});

		it('unpublishing and publishing again catches up on what finished in between, at publication', async () => {
			const workflow = workflowOf();
			await workflow.activate();
			const first = fixture.finished(at(1));
			await workflow.poll();
			workflow.unpublish();
			const whileUnpublished = fixture.finished(at(2));
			const result = await workflow.activate('activate');
			expect(idsOf(result?.[0])).toEqual([whileUnpublished]);
			await workflow.poll();
			expect(workflow.emittedIds()).toEqual([first, whileUnpublished]);
		});
	},
);
