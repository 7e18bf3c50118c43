import type { IDataObject } from 'n8n-workflow';

/**
 * What the node remembers about its registration, in the workflow's static data (node scope).
 * Nothing here is secret: the secret is re-derived from the credential (see webhookSecret.ts).
 * n8n saves static data with the workflow, so this is shared by every process in queue mode.
 */
export interface HookState {
	webhookId: string;
	events: string[];
	/** The URL the hook was registered for; part of the secret's derivation. */
	url: string;
	nonce: string;
	/** Of the derived secret: tells whether the credential still derives the same one. */
	fingerprint: string;
}

const FIELDS = ['webhookId', 'events', 'url', 'nonce', 'fingerprint'] as const;

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The stored state, or undefined when any part is missing (never activated, or cleared). */
export function readHookState(staticData: IDataObject): HookState | undefined {
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

/** Just the id, for deleting a registration whose other fields were lost or damaged. */
export function readStoredWebhookId(staticData: IDataObject): string | undefined {
	return text(staticData.webhookId);
}

export function writeHookState(staticData: IDataObject, state: HookState): void {
	staticData.webhookId = state.webhookId;
	staticData.events = [...state.events];
	staticData.url = state.url;
	staticData.nonce = state.nonce;
	staticData.fingerprint = state.fingerprint;
}

export function clearHookState(staticData: IDataObject): void {
	for (const field of FIELDS) delete staticData[field];
}
