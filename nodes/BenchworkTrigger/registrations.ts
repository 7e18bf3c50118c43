import type { IHookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiPath, benchworkApiRequest, sendBenchworkRequest } from '../Benchwork/transport';

/** A hook as `GET /webhooks` lists it (docs/benchwork-api.md; it never includes the secret). */
export interface RegisteredHook {
	webhookId: string;
	url: string;
	events: string[];
	/** When Benchwork registered it (ISO 8601), if it says; orders racing registrations. */
	createdAt?: string;
}

/** The published API has only `POST /webhooks`; list and delete may answer 404 or 405. */
const MISSING_ENDPOINT = [404, 405];

function toHook(value: unknown): RegisteredHook | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const record = value as Record<string, unknown>;
	if (typeof record.webhookId !== 'string' || typeof record.url !== 'string') return undefined;
	const events = Array.isArray(record.events)
		? record.events.filter((event) => typeof event === 'string')
		: [];
	const createdAt = typeof record.createdAt === 'string' ? record.createdAt : undefined;
	return { webhookId: record.webhookId, url: record.url, events, createdAt };
}

/** Every registered hook, or undefined when this Benchwork cannot list them. */
export async function listHooks(this: IHookFunctions): Promise<RegisteredHook[] | undefined> {
	const { statusCode, body } = await sendBenchworkRequest.call(this, {
		method: 'GET',
		path: apiPath('webhooks'),
		acceptStatuses: MISSING_ENDPOINT,
	});
	if (MISSING_ENDPOINT.includes(statusCode)) return undefined;
	const parsed = body as { webhooks?: unknown } | undefined;
	if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.webhooks)) {
		throw new NodeApiError(
			this.getNode(),
			{ message: 'unexpected answer' },
			{
				message: 'Benchwork answered GET /webhooks without a "webhooks" list',
				description:
					'Check that the base URL in the credential points at the Benchwork API (it ends in /api/v1).',
			},
		);
	}
	return parsed.webhooks.map(toHook).filter((hook): hook is RegisteredHook => hook !== undefined);
}

/** `POST /webhooks`. Never repeated after a failure (the transport's rule for POST). */
export async function createHook(
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
		throw new NodeApiError(
			this.getNode(),
			{ message: 'unexpected answer' },
			{
				message: 'Benchwork accepted the webhook but returned no webhookId',
				description:
					'Without the id the registration cannot be checked or removed later. Check the base URL in the credential.',
			},
		);
	}
	return response.webhookId;
}

/**
 * `DELETE /webhooks/:id`. 404 means already gone, or no DELETE endpoint at all (the two are
 * indistinguishable); 405 means no DELETE endpoint.
 */
export type RemovalOutcome = 'deleted' | 'notFound' | 'notSupported';

export async function deleteHook(this: IHookFunctions, webhookId: string): Promise<RemovalOutcome> {
	const { statusCode } = await sendBenchworkRequest.call(this, {
		method: 'DELETE',
		path: apiPath('webhooks', webhookId),
		acceptStatuses: MISSING_ENDPOINT,
	});
	if (statusCode === 404) return 'notFound';
	if (statusCode === 405) return 'notSupported';
	return 'deleted';
}

/** What to tell an operator when Benchwork has no DELETE endpoint: the hook must go by hand. */
export function cannotDeleteWarning(webhookId: string): string {
	return `Benchwork cannot delete webhooks (DELETE answered 405); remove webhook ${webhookId} in Benchwork, or it keeps sending deliveries this trigger refuses`;
}
