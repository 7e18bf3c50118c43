import { eventItemJson, unwantedBecause } from '../../../../nodes/Benchwork/triggers/eventItem';
import type { BenchworkEventObject } from '../../../../nodes/Benchwork/triggers/eventItem';
import type { BenchworkEvent } from '../../../../nodes/Benchwork/triggers/events';

const execution = { executionId: 'exe_1', workflowId: 'wf_1', status: 'success' };
const event: BenchworkEventObject = {
	event: 'execution.completed',
	deliveryId: 'dlv_1',
	createdAt: '2026-01-01T00:00:00Z',
	execution,
};

describe('what a started workflow receives', () => {
	it('"Whole Event" gives the event exactly as Benchwork sent it', () => {
		expect(eventItemJson(event, 'event')).toEqual(event);
	});

	it('"Execution Only" gives the execution with the event name added', () => {
		expect(eventItemJson(event, 'execution')).toEqual({
			...execution,
			event: 'execution.completed',
		});
	});

	it('"Execution Only" of an event without an execution object gives the event name alone', () => {
		expect(eventItemJson({ event: 'execution.failed', execution: 'text' }, 'execution')).toEqual({
			event: 'execution.failed',
		});
	});
});

describe('which events start the workflow', () => {
	const all = {
		events: ['execution.completed', 'execution.failed'] as BenchworkEvent[],
		workflowIds: [] as string[],
	};

	it('starts for a selected event of any workflow when no workflow is chosen', () => {
		expect(unwantedBecause(event, all)).toBeUndefined();
	});

	it('ignores an event that is not selected', () => {
		expect(
			unwantedBecause(event, { ...all, events: ['execution.failed'] as BenchworkEvent[] }),
		).toBe('event not selected');
	});

	it('ignores executions of workflows outside the filter, and of unknown workflows', () => {
		expect(unwantedBecause(event, { ...all, workflowIds: ['wf_1'] })).toBeUndefined();
		expect(unwantedBecause(event, { ...all, workflowIds: ['wf_2'] })).toBe('workflow not selected');
		expect(
			unwantedBecause({ event: 'execution.completed' }, { ...all, workflowIds: ['wf_1'] }),
		).toBe('workflow not selected');
	});
});
