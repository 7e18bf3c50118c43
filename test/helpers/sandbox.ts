/** Jest lifecycle for the Benchwork sandbox (one server per test file, reset before each test), and raw calls to it. */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { Benchwork } from '../../nodes/Benchwork/Benchwork.node';
import { KEYS, startSandbox } from '../sandbox/server';
import type { RequestLogEntry, Sandbox, SandboxOptions } from '../sandbox/server';
import type { BenchworkCredentialData, RunNodeOptions } from './n8nHarness';
import { runNode } from './n8nHarness';

export { KEYS };
export type { Sandbox };

export function useSandbox(options: SandboxOptions = {}): { readonly current: Sandbox } {
	let sandbox: Sandbox | undefined;
	const current = (): Sandbox => {
		if (!sandbox)
			throw new Error('The sandbox runs only inside the tests of the file that calls useSandbox');
		return sandbox;
	};
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	beforeEach(() => {
		current().reset();
		if (Object.keys(options).length > 0) current().configure(options);
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	return {
		get current() {
			return current();
		},
	};
}

export interface SandboxCall {
	/** Default GET. */
	method?: string;
	/** The bearer key; default KEYS.enterprise, null sends no Authorization header. */
	key?: string | null;
	/** Sent as JSON. */
	body?: unknown;
	headers?: Record<string, string>;
}

export interface SandboxAnswer<T> {
	status: number;
	headers: Headers;
	/** Parsed JSON when the answer is JSON, else its text; undefined when empty. */
	body: T;
}

/**
 * One raw call to the sandbox API (`path` after /api/v1), as someone using Benchwork would make
 * it, not through the node. `T` states the body the test expects.
 */
export async function callSandbox<T = unknown>(
	sandbox: Sandbox,
	path: string,
	{ method = 'GET', key = KEYS.enterprise, body, headers = {} }: SandboxCall = {},
): Promise<SandboxAnswer<T>> {
	const response = await fetch(`${sandbox.baseUrl}${path}`, {
		method,
		headers: {
			...(key === null ? {} : { Authorization: `Bearer ${key}` }),
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	const isJson = /\bjson\b/i.test(response.headers.get('content-type') ?? '');
	const parsed: unknown = text === '' ? undefined : isJson ? JSON.parse(text) : text;
	return { status: response.status, headers: response.headers, body: parsed as T };
}

/**
 * Spends the key's rate-limit window from outside the node, as another workflow or client on the
 * same key would (again if the window turned meanwhile).
 */
export async function spendWindow(sandbox: Sandbox): Promise<void> {
	let remaining: string | null = null;
	for (let call = 0; call < 60 && remaining !== '0'; call++) {
		const answer = await callSandbox(sandbox, '/workflows?limit=1');
		remaining = answer.headers.get('x-ratelimit-remaining');
	}
}

/** The last API request the sandbox saw (fails the test when there was none). */
export function lastRequest(sandbox: Sandbox): RequestLogEntry {
	const request = sandbox.stats().requests.at(-1);
	if (!request) throw new Error('the sandbox saw no API request');
	return request;
}

export function credentialsFor(
	sandbox: Sandbox,
	apiKey: string = KEYS.enterprise,
): BenchworkCredentialData {
	return { apiKey, baseUrl: sandbox.baseUrl };
}

/** Runs the Benchwork action node against the sandbox. */
export async function runBenchwork(
	sandbox: Sandbox,
	parameters: Record<string, unknown>,
	extra: Partial<RunNodeOptions> = {},
): Promise<INodeExecutionData[]> {
	const [output] = await runNode({
		nodeType: new Benchwork(),
		parameters: parameters as INodeParameters,
		credentials: credentialsFor(sandbox),
		...extra,
	});
	return output;
}

/** Catches what a run throws, failing the test when it does not throw. */
export async function runError(
	promise: Promise<unknown>,
): Promise<Error & { description?: string; httpCode?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error('expected the node to fail, but it succeeded');
}

export function items(
	count: number,
	json: (index: number) => Record<string, unknown> = () => ({}),
) {
	return Array.from({ length: count }, (_, index) => ({ json: json(index) as never }));
}

export function byId(id: string) {
	return { __rl: true, mode: 'id', value: id };
}

/** Workflow → Get's parameters: one GET of `workflowId`, the cheapest request the node sends. */
export function getWorkflow(workflowId = 'wf_orders_sync') {
	return { resource: 'workflow', operation: 'get', workflowId: byId(workflowId) };
}

/**
 * Workflow → Trigger's parameters: starts `workflowId` (an ID or an `={{ … }}` expression) with an
 * empty Payload, without waiting; `extra` sets or overrides any other field.
 */
export function startWorkflow(workflowId: string, extra: Record<string, unknown> = {}) {
	return {
		resource: 'workflow',
		operation: 'trigger',
		workflowId: byId(workflowId),
		payload: '',
		...extra,
	};
}

/** Workflow → Trigger with Wait for Completion, polling every 0.5 s for at most 10 s unless `extra` says otherwise. */
export function startAndWait(workflowId: string, extra: Record<string, unknown> = {}) {
	return startWorkflow(workflowId, {
		waitForCompletion: true,
		pollInterval: 0.5,
		timeout: 10,
		...extra,
	});
}
