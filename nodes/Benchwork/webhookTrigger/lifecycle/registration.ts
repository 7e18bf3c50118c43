import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { digest } from '../../common/digest';

/**
 * A registration: our stored record of the one webhook this trigger registered at Benchwork,
 * with the nonce its secret was derived from. Kept in the workflow's static data (node scope),
 * which n8n saves with the workflow, so every process in queue mode shares it. Nothing here is
 * secret: the secret is derived again from the credential (delivery/secret.ts).
 */
export interface Registration {
	webhookId: string;
	events: string[];
	/** The URL the webhook was registered for; part of the secret's derivation. */
	url: string;
	nonce: string;
	/** Of the derived secret: tells whether the credential still derives the same one. */
	fingerprint: string;
}

const FIELDS = ['webhookId', 'events', 'url', 'nonce', 'fingerprint'] as const;

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The stored registration, or undefined when any part is missing (never activated, or cleared). */
export function readRegistration(staticData: IDataObject): Registration | undefined {
	const webhookId = text(staticData.webhookId);
	const url = text(staticData.url);
	const nonce = text(staticData.nonce);
	const fingerprint = text(staticData.fingerprint);
	const events = staticData.events;
	if (!webhookId || !url || !nonce || !fingerprint || !Array.isArray(events)) return undefined;
	return {
		webhookId,
		url,
		nonce,
		fingerprint,
		events: events.filter((event) => typeof event === 'string'),
	};
}

/** Just the webhook ID, for deleting a webhook whose other stored fields were lost or damaged. */
export function readStoredWebhookId(staticData: IDataObject): string | undefined {
	return text(staticData.webhookId);
}

export function writeRegistration(staticData: IDataObject, registration: Registration): void {
	staticData.webhookId = registration.webhookId;
	staticData.events = [...registration.events];
	staticData.url = registration.url;
	staticData.nonce = registration.nonce;
	staticData.fingerprint = registration.fingerprint;
}

export function clearRegistration(staticData: IDataObject): void {
	for (const field of FIELDS) delete staticData[field];
}

/**
 * Names one registration of one trigger in process memory: the workflow, the node, the
 * credential it uses, and what the registration derives its secret from (URL, nonce) with the
 * fingerprint of that secret. A new registration has a new nonce, so a new name; switching
 * the node to another credential gives a new name too. Hashed: fixed size, and no part of it
 * can be read back out of memory.
 */
export function registrationKey(context: IWebhookFunctions, registration: Registration): string {
	const node = context.getNode();
	const credential = node.credentials?.benchworkApi;
	return digest(
		String(context.getWorkflow().id ?? ''),
		node.id ?? '',
		node.name,
		credential?.id ?? credential?.name ?? '',
		registration.url,
		registration.nonce,
		registration.fingerprint,
	);
}
