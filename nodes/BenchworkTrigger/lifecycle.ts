import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBenchworkCredential } from '../Benchwork/transport';

import { clearHookState, readHookState, readStoredWebhookId, writeHookState } from './hookState';
import { removeLeftovers } from './leftoverHooks';
import { assertReachableWebhookUrl } from './localUrl';
import { log } from './logging';
import { readEvents, sameEvents } from './parameters';
import { settleRace } from './raceSettlement';
import { cannotDeleteWarning, createHook, deleteHook, listHooks } from './registrations';
import { deriveWebhookSecret, fingerprintOf, newNonce } from './webhookSecret';
import { sameWebhookUrl } from './webhookUrl';
import { errorReason } from '../Benchwork/shared/errorReason';

function webhookUrlOf(this: IHookFunctions): string {
	const url = this.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(
			this.getNode(),
			'n8n did not provide a webhook URL for this trigger',
		);
	}
	return url;
}

/**
 * checkExists: true only when the stored hook is still registered for this URL and these
 * events, and the credential still derives the same secret. Read-only: any false makes n8n
 * call create, which does the cleaning up.
 */
export async function hookExists(this: IHookFunctions): Promise<boolean> {
	const state = readHookState(this.getWorkflowStaticData('node'));
	if (!state) return false;
	const url = webhookUrlOf.call(this);
	if (!sameWebhookUrl(state.url, url)) {
		// Expected when n8n tests with its test URL; otherwise WEBHOOK_URL changed.
		log.call(
			this,
			'info',
			`the stored registration is for another webhook URL; registering for this one. If n8n's WEBHOOK_URL changed, webhook ${state.webhookId} still points at the old address: remove it in Benchwork`,
			{
				webhookId: state.webhookId,
			},
		);
		return false;
	}
	if (!sameEvents(state.events, readEvents.call(this))) return false;

	const { apiKey } = await readBenchworkCredential(this);
	if (fingerprintOf(deriveWebhookSecret(apiKey, url, state.nonce)) !== state.fingerprint) {
		log.call(
			this,
			'info',
			"the credential's API key changed since the webhook was registered; registering it again",
			{
				webhookId: state.webhookId,
			},
		);
		return false;
	}

	const hooks = await listHooks.call(this);
	if (hooks === undefined) {
		log.call(
			this,
			'warn',
			'Benchwork cannot list webhooks (GET /webhooks answered 404 or 405); trusting the stored registration',
			{
				webhookId: state.webhookId,
			},
		);
		return true;
	}
	const hook = hooks.find((candidate) => candidate.webhookId === state.webhookId);
	if (!hook) {
		log.call(
			this,
			'info',
			'the stored webhook is no longer registered at Benchwork; registering it again',
			{
				webhookId: state.webhookId,
			},
		);
		return false;
	}
	return sameWebhookUrl(hook.url, url) && sameEvents(hook.events, state.events);
}

/**
 * create: registers this URL with a fresh derived secret; stores only what re-derives it.
 * When a simultaneous activation won the URL (raceSettlement.ts), this one stores nothing, so
 * what n8n saves describes the one hook that remains.
 */
export async function registerHook(this: IHookFunctions): Promise<boolean> {
	const node = this.getNode();
	const url = webhookUrlOf.call(this);
	const events = readEvents.call(this);
	if (events.length === 0) {
		throw new NodeOperationError(node, 'Choose at least one event to listen for', {
			description: 'Select Execution Completed, Execution Failed or both under Events.',
		});
	}
	const { apiKey, baseUrl } = await readBenchworkCredential(this);
	assertReachableWebhookUrl(node, url, baseUrl);

	const staticData = this.getWorkflowStaticData('node');
	await removeLeftovers.call(this, url, staticData);

	const nonce = newNonce();
	const secret = deriveWebhookSecret(apiKey, url, nonce);
	const webhookId = await createHook.call(this, url, events, secret);
	if ((await settleRace.call(this, url, webhookId)) === 'superseded') return true;
	writeHookState(staticData, { webhookId, events, url, nonce, fingerprint: fingerprintOf(secret) });
	log.call(this, 'info', `registered webhook for ${events.join(', ')}`, { webhookId });
	return true;
}

/**
 * delete: 404 means already gone and counts as success. A failure is logged and the stored
 * registration kept, so the next activation can still find and reuse or remove the hook.
 */
export async function unregisterHook(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const webhookId = readStoredWebhookId(staticData);
	if (!webhookId) {
		clearHookState(staticData);
		return true;
	}
	try {
		const outcome = await deleteHook.call(this, webhookId);
		if (outcome === 'deleted') {
			log.call(this, 'info', 'removed the webhook from Benchwork', { webhookId });
		} else if (outcome === 'notFound') {
			log.call(
				this,
				'info',
				'the webhook was already gone from Benchwork (DELETE answered 404; if this Benchwork has no DELETE endpoint, remove it in Benchwork)',
				{ webhookId },
			);
		} else {
			log.call(this, 'warn', cannotDeleteWarning(webhookId), { webhookId });
		}
	} catch (error) {
		const reason = errorReason(error);
		log.call(
			this,
			'error',
			`could not remove webhook ${webhookId} from Benchwork: ${reason}. The registration is kept so the next activation can reuse or remove it`,
			{ webhookId },
		);
		return false;
	}
	clearHookState(staticData);
	return true;
}
