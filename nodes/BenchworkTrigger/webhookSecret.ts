import { createHash, createHmac, randomBytes } from 'crypto';

/**
 * The webhook secret is never stored: n8n keeps static data unencrypted and (on 1.x) copies it
 * into every saved execution. It is derived instead from the credential's API key, which n8n
 * stores encrypted, and from values that are harmless on their own (URL, nonce). Only the
 * holder of the API key (n8n, and Benchwork, which was told the result) can know it.
 */
const DERIVATION_LABEL = 'n8n-nodes-benchwork/webhook-secret/v1';
const FINGERPRINT_LABEL = 'n8n-nodes-benchwork/webhook-secret-fingerprint/v1';

/** 64 bits: enough to notice a different key, too short to serve as the secret itself. */
const FINGERPRINT_HEX_CHARS = 16;

/** A fresh random value for each registration, so every hook gets its own secret. */
export function newNonce(): string {
	return randomBytes(32).toString('hex');
}

export function deriveWebhookSecret(apiKey: string, webhookUrl: string, nonce: string): string {
	return createHmac('sha256', apiKey)
		.update(`${DERIVATION_LABEL}\n${webhookUrl}\n${nonce}`)
		.digest('hex');
}

/** Lets checkExists notice a changed API key without keeping anything secret-equivalent. */
export function fingerprintOf(secret: string): string {
	return createHash('sha256')
		.update(`${FINGERPRINT_LABEL}\n${secret}`)
		.digest('hex')
		.slice(0, FINGERPRINT_HEX_CHARS);
}
