import type { IHookFunctions } from 'n8n-workflow';

import { errorReason } from '../../common/errorReason';
import { readBenchworkCredential } from '../../transport/credential';
import { sameEvents } from '../../triggers/events';
import { log } from '../../triggers/log';
import { readEvents } from '../../triggers/settings';
import { deriveWebhookSecret, fingerprintOf, newNonce } from '../delivery/secret';
import { CANNOT_LIST, createWebhook, removeWebhook, webhooksAt } from './benchworkWebhooks';
import { removeLeftovers } from './leftovers';
import { settleRace } from './races';
import {
	clearRegistration,
	readRegistration,
	readStoredWebhookId,
	writeRegistration,
} from './registration';
import { assertReachableWebhookUrl, sameWebhookUrl, webhookUrlOf } from './webhookUrl';

/**
 * n8n's webhook methods for this trigger: it calls checkExists on activation (publishing, on
 * n8n 2.x), create when that answers false, and delete on deactivation (unpublishing).
 */

/**
 * checkExists: true only when the stored webhook is still registered for this URL and these
 * events, and the credential still derives the same secret. Read-only: any false makes n8n
 * call create, which does the cleaning up.
 */
async function checkExists(this: IHookFunctions): Promise<boolean> {
	const registration = readRegistration(this.getWorkflowStaticData('node'));
	if (!registration) return false;
	const { webhookId } = registration;
	const url = webhookUrlOf(this);
	if (!sameWebhookUrl(registration.url, url)) {
		// Expected when n8n tests with its test URL; otherwise N8N_WEBHOOK_URL changed.
		log.call(
			this,
			'info',
			`the stored webhook is for another webhook URL; registering one for this URL. If n8n's N8N_WEBHOOK_URL (WEBHOOK_URL on n8n 1.x) changed, webhook ${webhookId} still points at the old address: remove it in Benchwork`,
			{ webhookId },
		);
		return false;
	}
	if (!sameEvents(registration.events, readEvents.call(this))) return false;

	const { apiKey } = await readBenchworkCredential(this);
	if (
		fingerprintOf(deriveWebhookSecret(apiKey, url, registration.nonce)) !== registration.fingerprint
	) {
		log.call(
			this,
			'info',
			"the credential's API key changed since the webhook was registered; registering it again",
			{ webhookId },
		);
		return false;
	}

	const here = await webhooksAt.call(this, url);
	if (here === undefined) {
		log.call(this, 'warn', `${CANNOT_LIST}; trusting the stored registration`, { webhookId });
		return true;
	}
	const webhook = here.find((candidate) => candidate.webhookId === webhookId);
	if (!webhook) {
		log.call(
			this,
			'info',
			'the stored webhook is no longer registered at Benchwork for this URL; registering it again',
			{ webhookId },
		);
		return false;
	}
	return sameEvents(webhook.events, registration.events);
}

/**
 * create: registers this URL with a fresh derived secret; stores only what derives it again.
 * When a simultaneous activation won the URL (races.ts), this one stores nothing, so what n8n
 * saves describes the one webhook that remains.
 */
async function create(this: IHookFunctions): Promise<boolean> {
	const node = this.getNode();
	const url = webhookUrlOf(this);
	const events = readEvents.call(this);
	const { apiKey, baseUrl } = await readBenchworkCredential(this);
	assertReachableWebhookUrl(node, url, baseUrl);

	const staticData = this.getWorkflowStaticData('node');
	await removeLeftovers.call(this, url, staticData);

	const nonce = newNonce();
	const secret = deriveWebhookSecret(apiKey, url, nonce);
	const webhookId = await createWebhook.call(this, url, events, secret);
	if ((await settleRace.call(this, url, webhookId)) === 'superseded') return true;
	writeRegistration(staticData, {
		webhookId,
		events,
		url,
		nonce,
		fingerprint: fingerprintOf(secret),
	});
	log.call(this, 'info', `registered webhook for ${events.join(', ')}`, { webhookId });
	return true;
}

/**
 * delete: 404 means already gone and counts as success. A failure is logged and the
 * registration kept, so the next activation can still find and reuse or remove the webhook.
 */
async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const webhookId = readStoredWebhookId(staticData);
	if (webhookId) {
		try {
			await removeWebhook.call(this, webhookId, 'the webhook');
		} catch (error) {
			log.call(
				this,
				'error',
				`could not remove webhook ${webhookId} from Benchwork: ${errorReason(error)}. The registration is kept so the next activation can reuse or remove it`,
				{ webhookId },
			);
			return false;
		}
	}
	clearRegistration(staticData);
	return true;
}

export const webhookMethods = { checkExists, create, delete: deleteWebhook };
