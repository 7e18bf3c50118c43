import { parseBody } from '../shared/json';

/** How much of an answer is ever looked at, and how much of it a message may quote. */
const MAX_BODY_READ = 8_192;
const MAX_QUOTED = 300;

/** Servers and proxies sometimes echo request headers: never pass a key or bearer token on. */
export function redact(text: string, secrets: readonly string[]): string {
	let clean = text.replace(/(bearer\s+)[^\s"',;]+/gi, '$1[redacted]');
	for (const secret of secrets) {
		if (secret.length >= 4) clean = clean.split(secret).join('[redacted]');
	}
	return clean;
}

/**
 * Text from Benchwork (an error body, a failed run's reason) made fit for a message: redacted
 * first, then bounded, so a cut can never leave part of a secret behind.
 */
export function quotable(text: string, secrets: readonly string[]): string {
	// Read a bounded prefix (with room for a secret that straddles its end) before any pattern runs.
	const longestSecret = Math.max(0, ...secrets.map((secret) => secret.length));
	const prefix =
		text.length > MAX_BODY_READ + longestSecret
			? text.slice(0, MAX_BODY_READ + longestSecret)
			: text;
	const clean = redact(prefix, secrets).trim();
	return clean.length > MAX_QUOTED ? `${clean.slice(0, MAX_QUOTED)}…` : clean;
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
	if (Buffer.isBuffer(body)) body = body.subarray(0, MAX_BODY_READ + 1).toString('utf8');
	if (typeof body === 'string' && body.length > MAX_BODY_READ) {
		// Too long to be an API error object worth parsing: quote its start as text.
		const head = body.slice(0, MAX_BODY_READ);
		return looksLikeMarkup(head.trim()) ? undefined : quotable(head, secrets) || undefined;
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
