import type { INodeParameters } from 'n8n-workflow';

import type { TriggerWorkflow } from '../../../../helpers/triggerHarness';
import { signDelivery } from '../../../../sandbox/server';
import type { DeliverOptions, DeliverResult } from '../../../../sandbox/server';
import {
	BOTH_EVENTS,
	credentialsFor,
	KEYS,
	logLines,
	logsText,
	startLongExecution,
	useTriggerFixture,
} from '../fixture';
import type { SandboxWebhook } from '../fixture';

const fixture = useTriggerFixture();

const REFUSAL = { message: 'Invalid or missing Benchwork signature' };

async function activeWorkflow(
	parameters: INodeParameters = { events: BOTH_EVENTS, options: {} },
): Promise<{ workflow: TriggerWorkflow; webhook: SandboxWebhook }> {
	const workflow = fixture.workflow(parameters);
	await workflow.activate();
	const webhook = fixture.webhooks().find((candidate) => candidate.url === workflow.url());
	if (!webhook) throw new Error('activation registered no webhook');
	return { workflow, webhook };
}

function deliver(options: DeliverOptions): Promise<DeliverResult> {
	return fixture.sandbox().deliver(options);
}

function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

const anExecution = {
	id: 'exe_test_1',
	workflowId: 'wf_orders_sync',
	workflowName: 'Orders sync',
	status: 'success',
	startedAt: '2025-01-01T10:00:00.000Z',
	finishedAt: '2025-01-01T10:00:02.000Z',
};

describe('Benchwork Trigger: deliveries', () => {
	describe.each([
		['execution.completed', 'success'],
		['execution.failed', 'failed'],
	] as const)('a signed %s delivery from a finished execution', (event, status) => {
		it('starts the workflow with the whole event (default output)', async () => {
			const { workflow } = await activeWorkflow();
			const executionId = await startLongExecution(fixture.sandbox());
			const finished = await fixture.sandbox().finishExecution(executionId, { status });

			const [request] = fixture.receiver().requests;
			expect(fixture.receiver().requests).toHaveLength(1);
			expect(request.status).toBe(200);
			expect(request.headers['x-benchwork-event']).toBe(event);
			expect(request.started).toEqual([
				[
					{
						json: {
							event,
							deliveryId: request.headers['x-benchwork-delivery'],
							createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
							execution: finished,
						},
					},
				],
			]);
			expect(request.staticDataChanged).toBe(false);
			expect(fixture.sandbox().deliveries()).toEqual([
				expect.objectContaining({ url: workflow.url(), event, status: 200, attempt: 1 }),
			]);
		});

		it('starts the workflow with the execution and the event name (output: execution)', async () => {
			await activeWorkflow({ events: BOTH_EVENTS, options: { output: 'execution' } });
			const executionId = await startLongExecution(fixture.sandbox());
			const finished = await fixture.sandbox().finishExecution(executionId, { status });

			expect(fixture.receiver().started()).toEqual([[[{ json: { ...finished, event } }]]]);
			expect(finished.status).toBe(status);
		});
	});

	it('starts the workflow in n8n’s test mode from its test URL', async () => {
		const workflow = fixture.workflow();
		await workflow.activate('test');
		const [webhook] = fixture.webhooks();
		expect(webhook.url).toBe(workflow.url('test'));

		const result = await deliver({ webhookId: webhook.webhookId, execution: anExecution });
		expect(result.status).toBe(200);
		expect(fixture.receiver().requests.map((request) => request.mode)).toEqual(['test']);
		expect(fixture.receiver().started()).toHaveLength(1);
	});

	it('accepts a delivery signed four minutes ago', async () => {
		const { webhook } = await activeWorkflow();
		const result = await deliver({
			webhookId: webhook.webhookId,
			execution: anExecution,
			tamper: { timestamp: nowSeconds() - 240 },
		});
		expect(result.status).toBe(200);
		expect(fixture.receiver().started()).toHaveLength(1);
	});

	describe('refusals: 401, nothing started', () => {
		const cases: Array<[string, (webhook: SandboxWebhook) => Record<string, unknown>, RegExp]> = [
			[
				'a forged signature',
				() => ({ signature: `sha256=${'ab'.repeat(32)}` }),
				/signature does not match/,
			],
			[
				'a signature in another format',
				() => ({ signature: 'v1=abc' }),
				/malformed signature header/,
			],
			[
				'no signature header',
				() => ({ omitHeaders: ['X-Benchwork-Signature'] }),
				/no signature header/,
			],
			[
				'no timestamp header',
				() => ({ omitHeaders: ['X-Benchwork-Timestamp'] }),
				/no timestamp header/,
			],
			[
				'no signing headers at all',
				() => ({ omitHeaders: ['X-Benchwork-Signature', 'X-Benchwork-Timestamp'] }),
				/no signature header/,
			],
			[
				'a timestamp that is not a number',
				() => ({ timestamp: 'yesterday' }),
				/malformed timestamp header/,
			],
			[
				'a stale timestamp (a replay 5 minutes later)',
				() => ({ timestamp: nowSeconds() - 310 }),
				/timestamp outside the allowed 5 minutes/,
			],
			[
				'a timestamp in the future',
				() => ({ timestamp: nowSeconds() + 310 }),
				/timestamp outside the allowed 5 minutes/,
			],
			[
				'a body changed after signing',
				() => ({
					body: {
						event: 'execution.completed',
						execution: { ...anExecution, workflowId: 'wf_evil' },
					},
				}),
				/signature does not match/,
			],
			[
				'a body with one byte appended after signing',
				(webhook) => appended(webhook),
				/signature does not match/,
			],
			[
				'a signature made with another secret',
				() => ({ secret: 'not-the-secret' }),
				/signature does not match/,
			],
			[
				'a body that is not JSON (correctly signed)',
				(webhook) => signed(webhook, 'this is not json'),
				/the body is not a JSON object/,
			],
			[
				'a JSON body that is not an object (correctly signed)',
				(webhook) => signed(webhook, '[1,2,3]'),
				/the body is not a JSON object/,
			],
		];

		function signed(webhook: SandboxWebhook, body: string): Record<string, unknown> {
			const timestamp = nowSeconds();
			return { body, timestamp, signature: signDelivery(webhook.secret, timestamp, body) };
		}

		/** Signs a real body, then sends it with one extra byte. */
		function appended(webhook: SandboxWebhook): Record<string, unknown> {
			const body = JSON.stringify({ event: 'execution.completed', execution: anExecution });
			return { ...signed(webhook, body), body: `${body} ` };
		}

		it.each(cases)('%s', async (_label, tamper, reason) => {
			const { webhook } = await activeWorkflow();
			const result = await deliver({
				webhookId: webhook.webhookId,
				execution: anExecution,
				tamper: tamper(webhook),
			});
			expect(result.status).toBe(401);
			expect(result.body).toEqual(REFUSAL);
			expect(fixture.receiver().started()).toEqual([]);
			expect(fixture.receiver().requests).toHaveLength(1);
			expect(logLines('warn').join('\n')).toMatch(reason);
		});

		it('a delivery arriving when no registration is stored', async () => {
			const { workflow, webhook } = await activeWorkflow();
			workflow.staticData = {};

			const result = await deliver({ webhookId: webhook.webhookId, execution: anExecution });
			expect(result.status).toBe(401);
			expect(result.body).toEqual(REFUSAL);
			expect(fixture.receiver().started()).toEqual([]);
			expect(logLines('warn').join('\n')).toMatch(/no Benchwork registration is stored/);
		});

		it('a delivery whose raw body n8n did not keep (it is never re-serialised)', async () => {
			const { webhook } = await activeWorkflow();
			fixture.receiver().keepRawBody = false;

			const result = await deliver({ webhookId: webhook.webhookId, execution: anExecution });
			expect(result.status).toBe(401);
			expect(fixture.receiver().started()).toEqual([]);
			expect(logLines('warn').join('\n')).toMatch(/did not keep the raw request body/);
		});

		it('a delivery after the API key changed, with a log line saying to re-activate', async () => {
			const { workflow, webhook } = await activeWorkflow();
			workflow.credentials = credentialsFor(fixture.sandbox(), KEYS.enterprise2);

			const result = await deliver({ webhookId: webhook.webhookId, execution: anExecution });
			expect(result.status).toBe(401);
			expect(fixture.receiver().started()).toEqual([]);
			expect(logLines('warn').join('\n')).toMatch(
				/API key changed since the webhook was registered, so unpublish and publish the workflow again \(on n8n 1\.x: deactivate and activate it\)/,
			);
		});

		it('deliveries from a webhook left by an earlier registration (old secret)', async () => {
			const { workflow, webhook: old } = await activeWorkflow();
			await workflow.deactivate();
			await workflow.activate();

			// The sandbox no longer holds the old webhook, so sign with its secret by hand.
			const body = JSON.stringify({ event: 'execution.completed', execution: anExecution });
			const timestamp = nowSeconds();
			const response = await fetch(workflow.url(), {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'X-Benchwork-Timestamp': String(timestamp),
					'X-Benchwork-Signature': signDelivery(old.secret, timestamp, body),
				},
				body,
			});
			expect(response.status).toBe(401);
			expect(fixture.receiver().started()).toEqual([]);
		});
	});

	describe('filters: 200, nothing started', () => {
		it('an event that is not selected', async () => {
			const { webhook } = await activeWorkflow({ events: ['execution.failed'], options: {} });
			const result = await deliver({
				webhookId: webhook.webhookId,
				event: 'execution.completed',
				execution: anExecution,
			});

			expect(result.status).toBe(200);
			expect(result.body).toEqual({ received: true, started: false, reason: 'event not selected' });
			expect(fixture.receiver().started()).toEqual([]);
		});

		it('an unknown event', async () => {
			const { webhook } = await activeWorkflow();
			const result = await deliver({
				webhookId: webhook.webhookId,
				event: 'execution.started',
				execution: anExecution,
			});
			expect(result.status).toBe(200);
			expect(fixture.receiver().started()).toEqual([]);
		});

		it('a workflow that is not among the selected ones, while a selected one starts', async () => {
			const { webhook } = await activeWorkflow({
				events: BOTH_EVENTS,
				options: { workflowIds: ['wf_orders_sync', 'wf_tax_report'] },
			});

			const other = await deliver({
				webhookId: webhook.webhookId,
				execution: { ...anExecution, workflowId: 'wf_flaky_payments' },
			});
			expect(other.status).toBe(200);
			expect(other.body).toEqual({
				received: true,
				started: false,
				reason: 'workflow not selected',
			});
			expect(fixture.receiver().started()).toEqual([]);

			const selected = await deliver({ webhookId: webhook.webhookId, execution: anExecution });
			expect(selected.status).toBe(200);
			expect(fixture.receiver().started()).toHaveLength(1);
		});

		it('accepts workflow IDs given by an expression as comma-separated text', async () => {
			const { webhook } = await activeWorkflow({
				events: BOTH_EVENTS,
				options: { workflowIds: 'wf_tax_report, wf_orders_sync' },
			});
			await deliver({ webhookId: webhook.webhookId, execution: anExecution });
			await deliver({
				webhookId: webhook.webhookId,
				execution: { ...anExecution, workflowId: 'wf_flaky_payments' },
			});
			expect(fixture.receiver().started()).toHaveLength(1);
		});
	});

	it('the secret appears nowhere in static data, started items, answers or logs', async () => {
		const { workflow, webhook } = await activeWorkflow();
		const executionId = await startLongExecution(fixture.sandbox());
		await fixture.sandbox().finishExecution(executionId, { status: 'success' });
		await deliver({ webhookId: webhook.webhookId, tamper: { signature: 'sha256=00' } });
		await deliver({ webhookId: webhook.webhookId, tamper: { timestamp: nowSeconds() - 1000 } });
		await workflow.deactivate();
		await workflow.activate();
		const secrets = [webhook.secret, ...fixture.webhooks().map((current) => current.secret)];

		const seen = JSON.stringify({
			staticData: workflow.staticData,
			requests: fixture
				.receiver()
				.requests.map(({ status, responseBody, started }) => ({ status, responseBody, started })),
			logs: logsText(),
		});
		expect(fixture.receiver().started()).toHaveLength(1);
		for (const secret of secrets) expect(seen).not.toContain(secret);
		expect(seen).not.toContain(KEYS.enterprise);
	});
});
