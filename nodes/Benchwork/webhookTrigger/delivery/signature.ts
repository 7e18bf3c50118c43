import { createHmac, timingSafeEqual } from 'crypto';

/** Deliveries signed further than this from our clock are refused (replay protection). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export const SIGNATURE_HEADER = 'x-benchwork-signature';
export const TIMESTAMP_HEADER = 'x-benchwork-timestamp';

const OUTSIDE_WINDOW = `timestamp outside the allowed ${MAX_CLOCK_SKEW_SECONDS / 60} minutes`;

const SIGNATURE_FORMAT = /^sha256=([0-9a-f]{64})$/i;
const TIMESTAMP_FORMAT = /^\d{1,12}$/;

export interface SignedDelivery {
	rawBody: Buffer;
	signature: unknown;
	timestamp: unknown;
}

/** Why a delivery failed verification; for the log only, never sent back to the caller. */
export type SignatureProblem =
	| 'no signature header'
	| 'no timestamp header'
	| 'malformed signature header'
	| 'malformed timestamp header'
	| typeof OUTSIDE_WINDOW
	| 'signature does not match';

/**
 * Checks `X-Benchwork-Signature: sha256=<hex>` = HMAC-SHA256(secret, "<timestamp>.<raw body>")
 * over the exact bytes received (docs/benchwork-api.md, webhook deliveries). Returns undefined when the delivery is
 * authentic. The timestamp is signed too, so it cannot be moved into the window by a replayer.
 */
export function signatureProblem(
	delivery: SignedDelivery,
	secret: string,
	nowMs: number = Date.now(),
): SignatureProblem | undefined {
	const { signature, timestamp } = delivery;
	if (signature === undefined || signature === '') return 'no signature header';
	if (timestamp === undefined || timestamp === '') return 'no timestamp header';
	// A repeated header arrives as an array: ambiguous, so refused.
	const signatureMatch =
		typeof signature === 'string' ? SIGNATURE_FORMAT.exec(signature.trim()) : null;
	if (!signatureMatch) return 'malformed signature header';
	if (typeof timestamp !== 'string' || !TIMESTAMP_FORMAT.test(timestamp)) {
		return 'malformed timestamp header';
	}
	if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
		return OUTSIDE_WINDOW;
	}
	const expected = createHmac('sha256', secret)
		.update(`${timestamp}.`)
		.update(delivery.rawBody)
		.digest();
	const received = Buffer.from(signatureMatch[1], 'hex');
	// Both are 32 bytes here (the format check fixed the length), as timingSafeEqual needs.
	return timingSafeEqual(expected, received) ? undefined : 'signature does not match';
}
