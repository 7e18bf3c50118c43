import type { IWebhookFunctions } from 'n8n-workflow';

import { readBenchworkCredential } from '../Benchwork/transport';

import { ExpiringMemory } from './expiringMemory';
import type { HookState } from './hookState';
import { deriveWebhookSecret, fingerprintOf } from './webhookSecret';

/**
 * The secret each delivery is checked with, kept in process memory per registration, so a
 * delivery does not cost a credential read (a database read and a decryption in n8n).
 *
 * Only a secret whose fingerprint equals the one stored at registration is kept: that is the
 * very secret this registration gave Benchwork, so checking with it accepts exactly what the
 * registered hook signs. The key (registrationKey.ts) holds the nonce and fingerprint, so a
 * new registration never finds an older secret. A miss (a process that never saw this
 * registration, a restart, an expired entry) reads the credential as before. The API key
 * itself is never kept. After the API key is edited in place without re-activating, the kept
 * secret still verifies the registered hook's deliveries for at most SECRET_TTL_MS; then the
 * credential is read again and they are refused with the "API key changed" log line.
 */
export const SECRET_TTL_MS = 10 * 60 * 1000;

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
	state: HookState,
	key: string,
): Promise<VerificationSecret> {
	const { apiKey } = await readBenchworkCredential(context);
	const secret = deriveWebhookSecret(apiKey, state.url, state.nonce);
	if (fingerprintOf(secret) !== state.fingerprint) return { secret, keyChanged: true };
	const now = Date.now();
	secrets.set(key, secret, now + SECRET_TTL_MS, now);
	return { secret, keyChanged: false };
}

export async function verificationSecret(
	context: IWebhookFunctions,
	state: HookState,
	key: string,
): Promise<VerificationSecret> {
	const kept = secrets.get(key, Date.now());
	if (kept !== undefined) return { secret: kept, keyChanged: false };
	let filling = pending.get(key);
	if (!filling) {
		filling = fromCredential(context, state, key).finally(() => pending.delete(key));
		pending.set(key, filling);
	}
	return await filling;
}
