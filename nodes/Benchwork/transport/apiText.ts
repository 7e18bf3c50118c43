import { parseBody } from '../common/json';
import { cutText, redactPrefix } from '../common/redact';

/** How much of an answer is ever looked at, and how much of it a message may quote. */
const MAX_BODY_READ = 8_192;
const MAX_QUOTED = 300;

/**
 * Text from Benchwork (an error body, a failed run's reason) made fit for a message: a bounded
 * prefix, redacted first, then cut, so no cut can leave part of a secret or of its marker behind.
 */
export function quotable(text: string, secrets: readonly string[]): string {
	return cutText(redactPrefix(text, secrets, MAX_BODY_READ).trim(), MAX_QUOTED);
}

/** A proxy's error page: not worth quoting. Linear checks on a bounded prefix only. */
function looksLikeMarkup(text: string): boolean {
	const head = text.slice(0, 512).toLowerCase();
	if (head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<?xml'))
		return true;
	return /<\/?[a-z][a-z0-9]*[\s>/]/.test(head);
}

/**
 * The API's own explanation, from any body: `{ error: { message } }`, `{ message }`,
 * `{ error: "..." }`, plain text. HTML (a proxy's error page) and empty bodies give nothing.
 */
export function apiErrorText(body: unknown, secrets: readonly string[] = []): string | undefined {
	// 4 bytes per character at most: a longer buffer still decodes to more than MAX_BODY_READ
	// characters, so the cut below is seen as one (and its last word dropped).
	if (Buffer.isBuffer(body)) body = body.subarray(0, 4 * MAX_BODY_READ + 4).toString('utf8');
	if (typeof body === 'string' && body.length > MAX_BODY_READ) {
		// Too long to be an API error object worth parsing: quote its start as text.
		const head = body.slice(0, MAX_BODY_READ);
		return looksLikeMarkup(head.trim()) ? undefined : quotable(body, secrets) || undefined;
	}
	const value = parseBody(body);
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '' || looksLikeMarkup(text)) return undefined;
		return quotable(text, secrets);
	}
	const record =
		value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
	if (!record) return undefined;
	const error = record.error;
	const candidates = [
		error && typeof error === 'object' ? (error as Record<string, unknown>).message : undefined,
		error,
		record.message,
	];
	for (const candidate of candidates) {
		if (typeof candidate === 'string' && candidate.trim()) return quotable(candidate, secrets);
	}
	return undefined;
}
