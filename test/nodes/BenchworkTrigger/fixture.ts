/** Shared set-up for the Benchwork Trigger tests: a sandbox, a webhook receiver, log capture. */
import type { INodeParameters } from 'n8n-workflow';

import { capturedLogs } from '../../helpers/n8nHarness';
import { credentialsFor, KEYS, useSandbox } from '../../helpers/sandbox';
import type { Sandbox } from '../../helpers/sandbox';
import type { TriggerWorkflowOptions } from '../../helpers/triggerHarness';
import { TriggerWorkflow, WebhookReceiver } from '../../helpers/triggerHarness';

export const BOTH_EVENTS = ['execution.completed', 'execution.failed'];

export interface SandboxHook {
	webhookId: string;
	url: string;
	events: string[];
	secret: string;
}

export interface TriggerFixture {
	sandbox: () => Sandbox;
	receiver: () => WebhookReceiver;
	/** A saved workflow with a Benchwork Trigger whose URLs the receiver serves. */
	workflow: (parameters?: INodeParameters, options?: Partial<TriggerWorkflowOptions>) => TriggerWorkflow;
	/** Every hook the sandbox holds, with secrets. */
	hooks: () => SandboxHook[];
	/** API requests the sandbox saw, as "METHOD /path". */
	requests: () => string[];
}

export function useTriggerFixture(sandboxOptions: Record<string, unknown> = {}): TriggerFixture {
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
		hooks: () => sandbox.current.webhooks() as SandboxHook[],
		requests: () =>
			(sandbox.current.stats().requests as Array<{ method: string; path: string }>).map(
				(request) => `${request.method} ${request.path.replace(/^\/api\/v1/, '')}`,
			),
	};
}

/** Calls the sandbox API directly, as someone using Benchwork would (not through the node). */
export async function callSandbox(
	sandbox: Sandbox,
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; json: unknown }> {
	const response = await fetch(`${sandbox.baseUrl}${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${KEYS.enterprise}`,
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** Starts a Benchwork execution that runs until the test finishes it. */
export async function startLongExecution(sandbox: Sandbox): Promise<string> {
	const { status, json } = await callSandbox(sandbox, 'POST', '/workflows/wf_long_report/trigger', {});
	if (status !== 201) throw new Error(`could not start wf_long_report: ${status}`);
	return (json as { executionId: string }).executionId;
}

export function logsText(): string {
	return JSON.stringify(capturedLogs);
}

export function logLines(level?: string): string[] {
	return capturedLogs.filter((line) => !level || line.level === level).map((line) => line.message);
}

export { capturedLogs, credentialsFor, KEYS };
