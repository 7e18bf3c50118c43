import type { IHookFunctions } from 'n8n-workflow';

import { errorReason } from '../../common/errorReason';
import { log } from '../../triggers/log';
import type { BenchworkWebhook } from './benchworkWebhooks';
import { removeWebhook, webhooksAt } from './benchworkWebhooks';

/** 'kept': store this registration. 'superseded': a racing one owns the URL; store nothing. */
export type RaceOutcome = 'kept' | 'superseded';

/** Benchwork's own order (creation time, then ID): everyone who lists the webhooks sees the same. */
function compareWebhooks(a: BenchworkWebhook, b: BenchworkWebhook): number {
	const timeA = Date.parse(a.createdAt ?? '') || 0;
	const timeB = Date.parse(b.createdAt ?? '') || 0;
	if (timeA !== timeB) return timeA < timeB ? -1 : 1;
	return a.webhookId < b.webhookId ? -1 : a.webhookId > b.webhookId ? 1 : 0;
}

/** A racing activation may remove the same webhook at the same moment: a failure only warns. */
async function removeRacing(this: IHookFunctions, webhookId: string, which: string): Promise<void> {
	try {
		await removeWebhook.call(this, webhookId, which);
	} catch (error) {
		log.call(
			this,
			'warn',
			`could not remove ${which} (webhook ${webhookId}): ${errorReason(error)}`,
			{ webhookId },
		);
	}
}

/**
 * After `POST /webhooks`: activations that ran at the same time for one URL (a double click, a
 * restart during activation) each registered a webhook. Every one of them lists the webhooks
 * at the URL, removes those ordered below its own, and when it sees one above its own removes
 * its own and stores nothing. The top webhook is removed by no one; every other one by itself
 * or by the top one's owner (whichever listed after the other's webhook existed). So one
 * webhook remains. Without a list endpoint nothing can be settled: the registration is kept.
 */
export async function settleRace(
	this: IHookFunctions,
	url: string,
	ownId: string,
): Promise<RaceOutcome> {
	let here: BenchworkWebhook[] | undefined;
	try {
		here = await webhooksAt.call(this, url);
	} catch (error) {
		log.call(
			this,
			'warn',
			`could not list webhooks after registering (${errorReason(error)}); if another activation ran at the same moment, an extra webhook may remain`,
			{ webhookId: ownId },
		);
		return 'kept';
	}
	if (here === undefined) return 'kept';
	const own = here.find((webhook) => webhook.webhookId === ownId);
	const others = here.filter((webhook) => webhook.webhookId !== ownId);
	if (own) {
		for (const older of others.filter((other) => compareWebhooks(other, own) < 0)) {
			await removeRacing.call(
				this,
				older.webhookId,
				'a webhook that a simultaneous activation registered for this URL',
			);
		}
		if (!others.some((other) => compareWebhooks(other, own) > 0)) return 'kept';
	} else if (others.length === 0) {
		// Not listed: a simultaneous activation removed it before registering its own (then that
		// one is listed here), or Benchwork lists it late (then nothing else is here).
		return 'kept';
	}
	// Another activation's webhook stays: remove this one's, and store nothing.
	await removeRacing.call(
		this,
		ownId,
		"this activation's webhook (a simultaneous activation registered this URL too and its webhook stays)",
	);
	return 'superseded';
}
