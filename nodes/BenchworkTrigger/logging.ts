import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * Logs with the node and workflow named, so an operator can find the trigger concerned.
 * Callers pass ids, URLs and reasons only: never a secret, key, signature or request body.
 */
export function log(
	this: IHookFunctions | IWebhookFunctions,
	level: Level,
	message: string,
	meta: Record<string, unknown> = {},
): void {
	const node = this.getNode();
	const workflow = this.getWorkflow();
	this.logger?.[level](
		`Benchwork Trigger "${node.name}" (workflow ${String(workflow.id)}): ${message}`,
		{
			workflowId: workflow.id,
			node: node.name,
			...meta,
		},
	);
}
