/** Jest lifecycle for the Benchwork sandbox: one server per test file, reset before each test. */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { Benchwork } from '../../nodes/Benchwork/Benchwork.node';
import type { BenchworkCredentialData, RunNodeOptions } from './n8nHarness';
import { runNode } from './n8nHarness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandboxModule = require('../sandbox/server');

export const KEYS: { enterprise: string; enterprise2: string; starter: string } = sandboxModule.KEYS;

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Sandbox = any;

export function useSandbox(options: Record<string, unknown> = {}): { current: Sandbox } {
	const holder: { current: Sandbox } = { current: undefined };
	beforeAll(async () => {
		holder.current = await sandboxModule.startSandbox(options);
	});
	beforeEach(() => {
		holder.current.reset();
		if (Object.keys(options).length > 0) holder.current.configure(options);
	});
	afterAll(async () => {
		await holder.current?.close();
	});
	return holder;
}

export function credentialsFor(sandbox: Sandbox, apiKey = KEYS.enterprise): BenchworkCredentialData {
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
export async function runError(promise: Promise<unknown>): Promise<Error & { description?: string; httpCode?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error('expected the node to fail, but it succeeded');
}

export function items(count: number, json: (index: number) => Record<string, unknown> = () => ({})) {
	return Array.from({ length: count }, (_, index) => ({ json: json(index) as never }));
}

export function byId(id: string) {
	return { __rl: true, mode: 'id', value: id };
}
