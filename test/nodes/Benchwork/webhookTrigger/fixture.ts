/** Shared set-up for the Benchwork Trigger tests: a sandbox, a webhook receiver, log capture. */
import type { INodeParameters } from 'n8n-workflow';

import { capturedLogs } from '../../../helpers/n8nHarness';
import { callSandbox, credentialsFor, KEYS, useSandbox } from '../../../helpers/sandbox';
import type { Sandbox } from '../../../helpers/sandbox';
import type { SandboxOptions, Webhook } from '../../../sandbox/server';
import type { TriggerWorkflowOptions } from '../../../helpers/triggerHarness';
import { TriggerWorkflow, WebhookReceiver } from '../../../helpers/triggerHarness';
import { BOTH_EVENTS } from '../triggers/fixture';

export { BOTH_EVENTS };

export type SandboxWebhook = Webhook;

export interface TriggerFixture {
	sandbox: () => Sandbox;
	receiver: () => WebhookReceiver;
	/** A saved workflow with a Benchwork Trigger whose URLs the receiver serves. */
	workflow: (
		parameters?: INodeParameters,
		options?: Partial<TriggerWorkflowOptions>,
	) => TriggerWorkflow;
	/** Every webhook the sandbox holds, with secrets. */
	webhooks: () => SandboxWebhook[];
	/** API requests the sandbox saw, as "METHOD /path". */
	requests: () => string[];
}

export function useTriggerFixture(sandboxOptions: SandboxOptions = {}): TriggerFixture {
	// Fast retries: a refused delivery from a finished execution is retried by the sandbox.
	const sandbox = useSandbox({ deliveryRetryDelayMs: 20, ...sandboxOptions });
	let receiver: WebhookReceiver;

	beforeAll(async () => {
		receiver = await WebhookReceiver.start();
	});
	beforeEach(() => {
		receiver.reset();
		capturedLogs.length = 0;
	});
	afterAll(async () => {
		await receiver?.close();
	});

	return {
		sandbox: () => sandbox.current,
		receiver: () => receiver,
		workflow: (parameters = { events: BOTH_EVENTS, options: {} }, options = {}) =>
			receiver.serve(
				new TriggerWorkflow({
					parameters,
					credentials: credentialsFor(sandbox.current),
					instanceUrl: receiver.origin,
					...options,
				}),
			),
		webhooks: () => sandbox.current.webhooks(),
		requests: () =>
			sandbox.current
				.stats()
				.requests.map((request) => `${request.method} ${request.path.replace(/^\/api\/v1/, '')}`),
	};
}

/** Starts a Benchwork execution that runs until the test finishes it. */
export async function startLongExecution(sandbox: Sandbox): Promise<string> {
	const { status, body } = await callSandbox<{ executionId: string }>(
		sandbox,
		'/workflows/wf_long_report/trigger',
		{ method: 'POST', body: {} },
	);
	if (status !== 201) throw new Error(`could not start wf_long_report: ${status}`);
	return body.executionId;
}

export function logsText(): string {
	return JSON.stringify(capturedLogs);
}

export function logLines(level?: string): string[] {
	return capturedLogs.filter((line) => !level || line.level === level).map((line) => line.message);
}

export { callSandbox, capturedLogs, credentialsFor, KEYS };
