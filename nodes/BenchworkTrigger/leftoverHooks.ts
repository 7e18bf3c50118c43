import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { readStoredWebhookId } from './hookState';
import { log } from './logging';
import { cannotDeleteWarning, deleteHook, listHooks } from './registrations';
import { sameWebhookUrl } from './webhookUrl';

/**
 * Removes what an earlier activation may have left at this URL (a crash, or lost static data),
 * so a new registration never duplicates it. URLs are compared normalised (webhookUrl.ts).
 * Registrations for other URLs are never touched: in n8n's test mode the stored state is the
 * production one.
 */
export async function removeLeftovers(
	this: IHookFunctions,
	url: string,
	staticData: IDataObject,
): Promise<void> {
	const hooks = await listHooks.call(this);
	let leftovers: string[];
	if (hooks !== undefined) {
		leftovers = hooks.filter((hook) => sameWebhookUrl(hook.url, url)).map((hook) => hook.webhookId);
	} else {
		const storedId = readStoredWebhookId(staticData);
		leftovers =
			storedId && typeof staticData.url === 'string' && sameWebhookUrl(staticData.url, url)
				? [storedId]
				: [];
		log.call(
			this,
			'warn',
			'Benchwork cannot list webhooks (GET /webhooks answered 404 or 405); only the stored registration can be removed before registering, so a hook left by an earlier activation may remain',
			{
				webhookId: storedId,
			},
		);
	}
	for (const webhookId of leftovers) {
		const outcome = await deleteHook.call(this, webhookId);
		if (outcome === 'deleted') {
			log.call(this, 'info', 'removed a webhook an earlier activation left at this URL', {
				webhookId,
			});
		} else if (outcome === 'notSupported') {
			log.call(this, 'warn', cannotDeleteWarning(webhookId), { webhookId });
		}
	}
}
