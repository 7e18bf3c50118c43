import {
	eventOfStatus,
	outputJson,
	unwantedBecause,
} from '../../../../nodes/BenchworkTrigger/delivery/output';
import type { BenchworkEventObject } from '../../../../nodes/BenchworkTrigger/delivery/output';
import { properties } from '../../../../nodes/BenchworkTrigger/description';

const execution = { executionId: 'exe_1', workflowId: 'wf_1', status: 'success' };
const event: BenchworkEventObject = {
	event: 'execution.completed',
	deliveryId: 'dlv_1',
	createdAt: '2026-01-01T00:00:00Z',
	execution,
};

describe('what a started workflow receives', () => {
	it('"Whole Event" gives the event exactly as Benchwork sent it', () => {
		expect(outputJson(event, 'event')).toEqual(event);
	});

	it('"Execution Only" gives the execution with the event name added', () => {
		expect(outputJson(event, 'execution')).toEqual({ ...execution, event: 'execution.completed' });
	});

	it('"Execution Only" of an event without an execution object gives the event name alone', () => {
		expect(outputJson({ event: 'execution.failed', execution: 'text' }, 'execution')).toEqual({
			event: 'execution.failed',
		});
	});
});

describe('which events start the workflow', () => {
	const all = { events: ['execution.completed', 'execution.failed'], workflowIds: [] };

	it('maps a finished status to its event as Benchwork does, and nothing else', () => {
		expect(eventOfStatus('success')).toBe('execution.completed');
		expect(eventOfStatus('failed')).toBe('execution.failed');
		expect(eventOfStatus('running')).toBeUndefined();
		expect(eventOfStatus(undefined)).toBeUndefined();
	});

	it('starts for a selected event of any workflow when no workflow is chosen', () => {
		expect(unwantedBecause(event, all)).toBeUndefined();
	});

	it('ignores an event that is not selected', () => {
		expect(unwantedBecause(event, { ...all, events: ['execution.failed'] })).toBe(
			'event not selected',
		);
	});

	it('ignores executions of workflows outside the filter, and of unknown workflows', () => {
		expect(unwantedBecause(event, { ...all, workflowIds: ['wf_1'] })).toBeUndefined();
		expect(unwantedBecause(event, { ...all, workflowIds: ['wf_2'] })).toBe('workflow not selected');
		expect(
			unwantedBecause({ event: 'execution.completed' }, { ...all, workflowIds: ['wf_1'] }),
		).toBe('workflow not selected');
	});
});

describe('the setup notice', () => {
	const notice = String(properties.find((property) => property.type === 'notice')?.displayName);

	it('names the webhook URL setting of both n8n lines', () => {
		expect(notice).toMatch(/N8N_WEBHOOK_URL \(WEBHOOK_URL on n8n 1\.x\)/);
	});

	it('says how to hand Benchwork a new secret on both n8n lines', () => {
		expect(notice).toMatch(
			/unpublish and publish the workflow again \(on n8n 1\.x: deactivate and activate it\)/,
		);
	});
});
