import { runError } from '../../../helpers/sandbox';
import { at, BOTH_EVENTS, idsOf, usePollFixture } from './fixture';

const fixture = usePollFixture();

describe('Benchwork Polling Trigger: Fetch Test Event', () => {
	it('returns the newest run matching the selection and leaves the active workflow’s cursor alone', async () => {
		const workflow = fixture.workflow({ events: ['execution.failed'], options: {} });
		await workflow.activate();
		const saved = JSON.stringify(workflow.staticData);
		fixture.finished(at(1), 'failed');
		const newest = fixture.finished(at(2), 'failed');
		fixture.finished(at(3), 'success');
		const result = await workflow.fetchTestEvent();
		expect(idsOf(result?.[0])).toEqual([newest]);
		expect(JSON.stringify(workflow.staticData)).toBe(saved);
		// The active workflow still gets both failed runs.
		await workflow.poll();
		expect(workflow.emittedIds()).toHaveLength(2);
	});

	it('says clearly when no matching run has finished yet', async () => {
		const workflow = fixture.workflow({
			events: BOTH_EVENTS,
			options: { workflowIds: ['wf_draft_import'] },
		});
		const error = await runError(workflow.fetchTestEvent());
		expect(error.message).toBe(
			'No Benchwork execution with status success or failed of wf_draft_import has finished yet',
		);
		expect(error.description).toMatch(/Let one finish in Benchwork, then fetch again/);
	});
});

describe('Benchwork Polling Trigger: bad input is refused before any request', () => {
	it.each([
		[{ events: [], options: {} }, 'Events: none chosen'],
		[
			{ events: ['execution.started'], options: {} },
			'Events: "execution.started" is not a Benchwork event',
		],
		[
			{ events: BOTH_EVENTS, options: { workflowIds: ['..'] } },
			'Options → Workflow Names or IDs: ".." is not a valid ID',
		],
		[
			{ events: BOTH_EVENTS, options: { workflowIds: [{ id: 'wf_orders_sync' }] } },
			'Options → Workflow Names or IDs: expected text, got an object',
		],
		[
			{
				events: BOTH_EVENTS,
				options: { workflowIds: Array.from({ length: 21 }, (_, n) => `wf_${n}`).join(',') },
			},
			'Options → Workflow Names or IDs: 21 workflows chosen, at most 20',
		],
	])('%j → %s', async (parameters, message) => {
		const workflow = fixture.workflow(parameters as never);
		const error = await runError(workflow.activate());
		expect(error.message).toBe(message);
		expect(error.description).toBeTruthy();
		expect(fixture.requests()).toEqual([]);
	});
});
