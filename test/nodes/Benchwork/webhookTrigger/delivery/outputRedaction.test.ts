/**
 * A signed delivery is Benchwork's word about a run, and a run's error text may repeat the API
 * key: the workflow the trigger starts never gets it, in any spelling.
 */
import { BOTH_EVENTS, KEYS, startLongExecution, useTriggerFixture } from '../fixture';

const fixture = useTriggerFixture();
const key = KEYS.enterprise;

const SPELLINGS = [
	['verbatim', key],
	['in upper case', key.toUpperCase()],
	['split by a zero-width space', `${key.slice(0, 10)}\u200b${key.slice(10)}`],
] as const;

describe('Benchwork Trigger: a delivery that carries the API key', () => {
	it.each(SPELLINGS)(
		'starts the workflow with the key redacted from the run error (%s)',
		async (_label, leaked) => {
			const workflow = fixture.workflow({ events: BOTH_EVENTS, options: {} });
			await workflow.activate();
			const executionId = await startLongExecution(fixture.sandbox());
			await fixture.sandbox().finishExecution(executionId, {
				status: 'failed',
				error: { message: `upstream refused Authorization: Bearer ${leaked}; token ${leaked}` },
			});

			const [request] = fixture.receiver().requests;
			expect(request.status).toBe(200);
			const [[item]] = request.started as Array<Array<{ json: Record<string, unknown> }>>;
			const execution = item.json.execution as { id: string; error: { message: string } };
			expect(execution.id).toBe(executionId);
			expect(execution.error.message).toBe(
				'upstream refused Authorization: Bearer [redacted]; token [redacted]',
			);
			const shown = JSON.stringify(request.started)
				.replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
				.toLowerCase();
			expect(shown).not.toContain(key.toLowerCase());
		},
	);
});
