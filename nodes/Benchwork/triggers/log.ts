import type { IHookFunctions } from 'n8n-workflow';

/** The part of n8n's contexts (hooks, webhook(), poll()) that logging uses. */
export type LogSource = Pick<IHookFunctions, 'getNode' | 'getWorkflow' | 'logger'>;

type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The trigger nodes' names in the log, by node type (the node's own name may be anything). */
const LABELS: Record<string, string> = {
	benchworkTrigger: 'Benchwork Trigger',
	benchworkPollingTrigger: 'Benchwork Polling Trigger',
};

/**
 * Logs with the node and workflow named, so an operator can find the trigger concerned.
 * Callers pass IDs, URLs, counts and reasons only: never a secret, key, signature or body.
 */
export function log(
	this: LogSource,
	level: LogLevel,
	message: string,
	meta: Record<string, unknown> = {},
): void {
	const node = this.getNode();
	const workflow = this.getWorkflow();
	const label = LABELS[node.type.slice(node.type.lastIndexOf('.') + 1)] ?? 'Benchwork';
	this.logger?.[level](`${label} "${node.name}" (workflow ${String(workflow.id)}): ${message}`, {
		workflowId: workflow.id,
		node: node.name,
		...meta,
	});
}
