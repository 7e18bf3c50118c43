/**
 * The runs the polling trigger finds come from a server that may be hostile: a run's error text
 * repeating the key, a list echoing the request's headers. The workflow it starts never gets the
 * key, in any spelling.
 */
import { KEYS } from '../../../helpers/sandbox';
import { at, usePollFixture } from './fixture';

const fixture = usePollFixture();
const key = KEYS.enterprise;

function holdsKey(value: unknown): boolean {
	return JSON.stringify(value)
		.replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
		.toLowerCase()
		.includes(key.toLowerCase());
}

describe('Benchwork Polling Trigger: a hostile server', () => {
	it.each(['verbatim', 'case', 'split'] as const)(
		'starts the workflow with the key redacted from a failed run’s error (%s)',
		async (form) => {
			const workflow = fixture.workflow();
			await workflow.activate();
			const failed = fixture.finished(at(1), 'failed');
			fixture.sandbox().addFault({ method: 'GET', path: '/executions', leakKey: form, times: 0 });
			await workflow.poll();
			expect(workflow.emittedIds()).toEqual([failed]);
			const [item] = workflow.executions.flat();
			const execution = item.json.execution as { error: { message: string } };
			expect(execution.error.message).toMatch(/\(rejected token \[redacted\]\)$/);
			expect(holdsKey(workflow.executions)).toBe(false);
		},
	);

	it('starts the workflow with the Authorization header redacted from an echoing list', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const done = fixture.finished(at(1), 'success');
		fixture.sandbox().addFault({ method: 'GET', path: '/executions', echoHeaders: true, times: 0 });
		await workflow.poll();
		expect(workflow.emittedIds()).toEqual([done]);
		const [item] = workflow.executions.flat();
		const execution = item.json.execution as { requestHeaders: { authorization: string } };
		expect(execution.requestHeaders.authorization).toBe('Bearer [redacted]');
		expect(holdsKey(workflow.executions)).toBe(false);
	});
});
