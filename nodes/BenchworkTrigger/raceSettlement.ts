import type { IHookFunctions } from 'n8n-workflow';

import { log } from './logging';
import type { RegisteredHook } from './registrations';
import { cannotDeleteWarning, deleteHook, listHooks } from './registrations';
import { sameWebhookUrl } from './webhookUrl';
import { errorReason } from '../Benchwork/shared/errorReason';

/** 'kept': store this registration. 'superseded': a racing one owns the URL; store nothing. */
export type RaceOutcome = 'kept' | 'superseded';

/** Benchwork's own order (creation time, then id): everyone who lists the hooks sees the same. */
function compareHooks(a: RegisteredHook, b: RegisteredHook): number {
	const timeA = Date.parse(a.createdAt ?? '') || 0;
	const timeB = Date.parse(b.createdAt ?? '') || 0;
	if (timeA !== timeB) return timeA < timeB ? -1 : 1;
	return a.webhookId < b.webhookId ? -1 : a.webhookId > b.webhookId ? 1 : 0;
}

async function removeQuietly(this: IHookFunctions, webhookId: string): Promise<void> {
	try {
		const outcome = await deleteHook.call(this, webhookId);
		if (outcome === 'notSupported') {
			log.call(this, 'warn', cannotDeleteWarning(webhookId), { webhookId });
		}
	} catch (error) {
		const reason = errorReason(error);
		log.call(
			this,
			'warn',
			`could not remove webhook ${webhookId}, registered for this URL by a simultaneous activation: ${reason}`,
			{ webhookId },
		);
	}
}

/**
 * After `POST /webhooks`: activations that ran at the same time for one URL (a double click, a
 * restart during activation) each registered a hook. Every one of them lists the hooks at the
 * URL, removes those ordered below its own, and when it sees one above its own removes its own
 * and stores nothing. The top hook is removed by no one; every other one by itself or by the
 * top one's owner (whichever listed after the other's hook existed). So one hook remains.
 * Without a list endpoint nothing can be settled: the registration is kept.
 */
export async function settleRace(
	this: IHookFunctions,
	url: string,
	ownId: string,
): Promise<RaceOutcome> {
	let hooks: RegisteredHook[] | undefined;
	try {
		hooks = await listHooks.call(this);
	} catch (error) {
		const reason = errorReason(error);
		log.call(
			this,
			'warn',
			`could not list webhooks after registering (${reason}); if another activation ran at the same moment, an extra hook may remain`,
			{ webhookId: ownId },
		);
		return 'kept';
	}
	if (hooks === undefined) return 'kept';
	const here = hooks.filter((hook) => sameWebhookUrl(hook.url, url));
	const own = here.find((hook) => hook.webhookId === ownId);
	const others = here.filter((hook) => hook.webhookId !== ownId);
	if (!own) {
		// Not listed: a simultaneous activation removed it before registering its own (then that
		// one is listed here), or Benchwork lists it late (then nothing else is here).
		if (others.length === 0) return 'kept';
		return await giveWay.call(this, ownId);
	}
	for (const hook of others.filter((other) => compareHooks(other, own) < 0)) {
		await removeQuietly.call(this, hook.webhookId);
		log.call(
			this,
			'info',
			'removed a webhook that a simultaneous activation registered for this URL',
			{ webhookId: hook.webhookId },
		);
	}
	if (others.some((other) => compareHooks(other, own) > 0)) return await giveWay.call(this, ownId);
	return 'kept';
}

/** Another activation's hook stays: remove this one's, and store nothing. */
async function giveWay(this: IHookFunctions, ownId: string): Promise<'superseded'> {
	await removeQuietly.call(this, ownId);
	log.call(
		this,
		'info',
		'a simultaneous activation registered this webhook URL too; keeping its hook',
		{
			webhookId: ownId,
		},
	);
	return 'superseded';
}
