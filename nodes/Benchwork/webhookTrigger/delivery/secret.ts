import { createHash, createHmac, randomBytes } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import { readBenchworkCredential } from '../../transport/credential';
import type { Registration } from '../lifecycle/registration';
import { ExpiringMemory } from './expiringMemory';

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

/** A fresh random value for each registration, so every webhook gets its own secret. */
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

/**
 * The secret deliveries are checked with is kept in process memory per registration for
 * SECRET_TTL_MS, so a delivery does not cost a credential read (a database read and a
 * decryption in n8n).
 *
 * Only a secret whose fingerprint equals the stored one is kept: that is the very secret this
 * registration gave Benchwork, so checking with it accepts exactly what the registered webhook
 * signs. The memory is keyed by registrationKey (lifecycle/registration.ts), which holds the
 * nonce and fingerprint, so a new registration never finds an older secret. A miss (a process
 * that never saw this registration, a restart, an expired entry) reads the credential as
 * before. The API key itself is never kept. After the API key is edited in place without
 * publishing again, the kept secret still verifies the registered webhook's deliveries for at
 * most SECRET_TTL_MS; then the credential is read again and they are refused with the "API key
 * changed" log line.
 */
const SECRET_TTL_MS = 10 * 60 * 1000;

/** Registrations remembered per process; beyond it, the least recently stored is read again. */
const MAX_REGISTRATIONS = 1000;

const secrets = new ExpiringMemory<string>(MAX_REGISTRATIONS);

/** Misses being filled: simultaneous deliveries wait for one credential read. */
const pending = new Map<string, Promise<VerificationSecret>>();

export interface VerificationSecret {
	secret: string;
	/** The credential no longer derives the registered secret (its API key changed). */
	keyChanged: boolean;
}

async function fromCredential(
	context: IWebhookFunctions,
	registration: Registration,
	key: string,
): Promise<VerificationSecret> {
	const { apiKey } = await readBenchworkCredential(context);
	const secret = deriveWebhookSecret(apiKey, registration.url, registration.nonce);
	if (fingerprintOf(secret) !== registration.fingerprint) return { secret, keyChanged: true };
	const now = Date.now();
	secrets.set(key, secret, now + SECRET_TTL_MS, now);
	return { secret, keyChanged: false };
}

/** The secret to check this registration's deliveries with; `key` is its registrationKey. */
export async function verificationSecret(
	context: IWebhookFunctions,
	registration: Registration,
	key: string,
): Promise<VerificationSecret> {
	const kept = secrets.get(key, Date.now());
	if (kept !== undefined) return { secret: kept, keyChanged: false };
	let filling = pending.get(key);
	if (!filling) {
		filling = fromCredential(context, registration, key).finally(() => pending.delete(key));
		pending.set(key, filling);
	}
	return await filling;
}
