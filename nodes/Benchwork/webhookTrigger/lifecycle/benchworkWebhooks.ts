import type { IHookFunctions } from 'n8n-workflow';

import { apiPath } from '../../transport/path';
import { benchworkApiRequest, sendBenchworkRequest } from '../../transport/request';
import { missingFieldError } from '../../transport/errors';
import { log } from '../../triggers/log';
import { sameWebhookUrl } from './webhookUrl';

/**
 * The webhooks registered at Benchwork (`/webhooks`): the only place that creates, lists and
 * deletes them, and the one place that picks out the webhooks at a URL.
 */

/** A webhook as `GET /webhooks` lists it (docs/benchwork-api.md; it never includes the secret). */
export interface BenchworkWebhook {
	webhookId: string;
	url: string;
	events: string[];
	/** When Benchwork registered it (ISO 8601), if it says; orders the webhooks of racing activations. */
	createdAt?: string;
}

/** The published API has only `POST /webhooks`; list and delete may answer 404 or 405. */
const MISSING_ENDPOINT = [404, 405];

/** Starts every log line about a Benchwork without a list endpoint. */
export const CANNOT_LIST = 'Benchwork cannot list webhooks (GET /webhooks answered 404 or 405)';

function toWebhook(value: unknown): BenchworkWebhook | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const record = value as Record<string, unknown>;
	if (typeof record.webhookId !== 'string' || typeof record.url !== 'string') return undefined;
	const events = Array.isArray(record.events)
		? record.events.filter((event) => typeof event === 'string')
		: [];
	const createdAt = typeof record.createdAt === 'string' ? record.createdAt : undefined;
	return { webhookId: record.webhookId, url: record.url, events, createdAt };
}

/**
 * The webhooks registered for this URL (compared normalised: webhookUrl.ts), or undefined when
 * this Benchwork cannot list webhooks. Webhooks for other URLs are never returned, so never
 * touched: in n8n's test mode the stored registration is the production one.
 */
export async function webhooksAt(
	this: IHookFunctions,
	url: string,
): Promise<BenchworkWebhook[] | undefined> {
	const { statusCode, body } = await sendBenchworkRequest.call(this, {
		method: 'GET',
		path: apiPath('webhooks'),
		acceptStatuses: MISSING_ENDPOINT,
	});
	if (MISSING_ENDPOINT.includes(statusCode)) return undefined;
	const parsed = body as { webhooks?: unknown } | undefined;
	if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.webhooks)) {
		throw missingFieldError(
			this.getNode(),
			'Benchwork answered GET /webhooks without a "webhooks" list',
			'Check that the base URL in the credential points at the Benchwork API (it ends in /api/v1).',
		);
	}
	return parsed.webhooks
		.map(toWebhook)
		.filter(
			(webhook): webhook is BenchworkWebhook =>
				webhook !== undefined && sameWebhookUrl(webhook.url, url),
		);
}

/** `POST /webhooks`. Never repeated after a failure (the transport's rule for POST). */
export async function createWebhook(
	this: IHookFunctions,
	url: string,
	events: string[],
	secret: string,
): Promise<string> {
	const response = await benchworkApiRequest.call(this, {
		method: 'POST',
		path: apiPath('webhooks'),
		body: { url, events, secret },
	});
	if (typeof response.webhookId !== 'string' || response.webhookId === '') {
		throw missingFieldError(
			this.getNode(),
			'Benchwork accepted the webhook but returned no webhookId',
			'Without the ID the webhook cannot be checked or removed later. Check the base URL in the credential.',
		);
	}
	return response.webhookId;
}

/**
 * What `DELETE /webhooks/:id` answered. 404 means already gone, or no DELETE endpoint at all
 * (the two are indistinguishable); 405 means no DELETE endpoint.
 */
export type RemovalOutcome = 'deleted' | 'notFound' | 'notSupported';

/**
 * Deletes one webhook and logs the outcome; `which` names it for the log ("the webhook", "a
 * webhook an earlier activation left at this URL"). A failed request is thrown: the caller
 * decides what it means.
 */
export async function removeWebhook(
	this: IHookFunctions,
	webhookId: string,
	which: string,
): Promise<RemovalOutcome> {
	const { statusCode } = await sendBenchworkRequest.call(this, {
		method: 'DELETE',
		path: apiPath('webhooks', webhookId),
		acceptStatuses: MISSING_ENDPOINT,
	});
	if (statusCode === 405) {
		log.call(
			this,
			'warn',
			`Benchwork cannot delete webhooks (DELETE answered 405); remove webhook ${webhookId} in Benchwork, or it keeps sending deliveries this trigger refuses`,
			{ webhookId },
		);
		return 'notSupported';
	}
	if (statusCode === 404) {
		log.call(
			this,
			'info',
			`${which} was already gone from Benchwork (DELETE answered 404; if this Benchwork has no DELETE endpoint, remove webhook ${webhookId} in Benchwork)`,
			{ webhookId },
		);
		return 'notFound';
	}
	log.call(this, 'info', `removed ${which} from Benchwork`, { webhookId });
	return 'deleted';
}
