import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { log } from '../../triggers/log';
import { CANNOT_LIST, removeWebhook, webhooksAt } from './benchworkWebhooks';
import { readStoredWebhookId } from './registration';
import { sameWebhookUrl } from './webhookUrl';

/**
 * Before registering: removes what an earlier activation may have left at this URL (a crash,
 * or lost static data), so the new webhook never duplicates one. A failed removal fails the
 * activation, so nothing is registered twice.
 */
export async function removeLeftovers(
	this: IHookFunctions,
	url: string,
	staticData: IDataObject,
): Promise<void> {
	const here = await webhooksAt.call(this, url);
	let leftovers: string[];
	if (here !== undefined) {
		leftovers = here.map((webhook) => webhook.webhookId);
	} else {
		const storedId = readStoredWebhookId(staticData);
		leftovers =
			storedId && typeof staticData.url === 'string' && sameWebhookUrl(staticData.url, url)
				? [storedId]
				: [];
		log.call(
			this,
			'warn',
			`${CANNOT_LIST}; only the stored webhook can be removed before registering, so a webhook left by an earlier activation may remain`,
			{ webhookId: storedId },
		);
	}
	for (const webhookId of leftovers) {
		await removeWebhook.call(this, webhookId, 'a webhook an earlier activation left at this URL');
	}
}
