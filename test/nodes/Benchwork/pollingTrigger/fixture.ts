/** Shared steps of the polling trigger's tests: a sandbox, a saved workflow, runs at chosen times. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { capturedLogs } from '../../../helpers/n8nHarness';
import type { PollEngine } from '../../../helpers/pollHarness';
import { PollWorkflow } from '../../../helpers/pollHarness';
import { credentialsFor, useSandbox } from '../../../helpers/sandbox';
import { BOTH_EVENTS } from '../triggers/fixture';

export { BOTH_EVENTS };

/** Benchwork's clock for these tests: minutes after a fixed start, well after the seed runs. */
export function at(minutes: number, seconds = 0): string {
	return new Date(Date.UTC(2026, 0, 1, 12, 0, 0) + minutes * 60_000 + seconds * 1000).toISOString();
}

export function usePollFixture() {
	const sandbox = useSandbox({ executionDelayMs: 60_000 });
	beforeEach(() => {
		capturedLogs.length = 0;
	});
	let runs = 0;
	return {
		sandbox: () => sandbox.current,
		workflow(
			parameters: INodeParameters = { events: BOTH_EVENTS, options: {} },
			engine: PollEngine = 'legacy',
		) {
			return new PollWorkflow({ parameters, credentials: credentialsFor(sandbox.current), engine });
		},
		/** A finished run; startedAt a minute before finishedAt unless given. */
		finished(
			finishedAt: string,
			status: 'success' | 'failed' = 'success',
			extra: { workflowId?: string; startedAt?: string; id?: string } = {},
		): string {
			runs += 1;
			return sandbox.current.createExecution({
				id: extra.id ?? `exe_poll_${runs}`,
				workflowId: extra.workflowId ?? 'wf_orders_sync',
				status,
				startedAt: extra.startedAt ?? new Date(Date.parse(finishedAt) - 60_000).toISOString(),
				finishedAt,
			}).id;
		},
		running(startedAt: string, workflowId = 'wf_orders_sync'): string {
			runs += 1;
			return sandbox.current.createExecution({
				id: `exe_poll_${runs}`,
				workflowId,
				status: 'running',
				startedAt,
			}).id;
		},
		/** GET /executions requests the sandbox saw, as their query strings. */
		listQueries(): string[] {
			return sandbox.current
				.stats()
				.requests.filter((request) => request.path === '/api/v1/executions')
				.map((request) => request.url.replace(/^[^?]*\?/, ''));
		},
		requests: () => sandbox.current.stats().requests,
	};
}

export function idsOf(items: Array<{ json: IDataObject }> | undefined): string[] {
	return (items ?? []).map((item) => String((item.json.execution as IDataObject).id));
}

export function logText(level?: string): string {
	return capturedLogs
		.filter((line) => level === undefined || line.level === level)
		.map((line) => line.message)
		.join('\n');
}
