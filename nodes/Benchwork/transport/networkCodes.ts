/**
 * What each network error code means to a user, whether it is worth another try, and whether
 * the request can have left n8n at all (`unsent`: no connection was ever made).
 */
const NETWORK_CODES: Record<string, { reason: string; transient: boolean; unsent?: true }> = {
	ECONNRESET: { reason: 'the connection was closed before an answer came', transient: true },
	EPIPE: { reason: 'the connection was closed before an answer came', transient: true },
	ECONNREFUSED: {
		reason: 'the connection was refused (is the service running at that address?)',
		transient: true,
		unsent: true,
	},
	ECONNABORTED: { reason: 'no answer came in time', transient: true },
	ETIMEDOUT: { reason: 'no answer came in time', transient: true },
	ESOCKETTIMEDOUT: { reason: 'no answer came in time', transient: true },
	ERR_SOCKET_CONNECTION_TIMEOUT: { reason: 'no answer came in time', transient: true },
	EAI_AGAIN: { reason: 'the host name could not be resolved', transient: true, unsent: true },
	ENOTFOUND: { reason: 'the host name could not be resolved', transient: false, unsent: true },
	EHOSTUNREACH: { reason: 'the host is unreachable', transient: false, unsent: true },
	ENETUNREACH: { reason: 'the network is unreachable', transient: false, unsent: true },
};

export function isTransientCode(code: string | undefined): boolean {
	return code !== undefined && NETWORK_CODES[code]?.transient === true;
}

/** True when no connection was made, so nothing of the request reached anyone. */
export function isUnsentCode(code: string | undefined): boolean {
	return code !== undefined && NETWORK_CODES[code]?.unsent === true;
}

export function networkReason(code: string | undefined): string {
	return (code && NETWORK_CODES[code]?.reason) || 'the network request failed';
}

const CODE_IN_TEXT = new RegExp(`\\b(${Object.keys(NETWORK_CODES).join('|')})\\b`);

/** n8n's stock wording for a code: NodeApiError may replace the original message with it. */
const N8N_STOCK_MESSAGES: Array<[RegExp, string]> = [
	[/refused the connection/i, 'ECONNREFUSED'],
	[/closed unexpectedly|socket hang up/i, 'ECONNRESET'],
	[/connection timed out|timeout of \d+ms exceeded/i, 'ETIMEDOUT'],
	[/connection was aborted/i, 'ECONNABORTED'],
	[/incorrect host|getaddrinfo/i, 'ENOTFOUND'],
	[/host is unreachable/i, 'EHOSTUNREACH'],
];

const MAX_DEPTH = 6;
/** Texts longer than this are not searched: the code sits near the start of any real message. */
const MAX_TEXT = 2_000;

/**
 * Finds the network error code (ECONNRESET…) of a failed request. n8n wraps the original error
 * differently across versions (a `cause` chain, AggregateError `errors`, or only its wording in
 * `message`/`messages`), so every place is searched.
 */
export function networkErrorCode(error: unknown): string | undefined {
	const queue: Array<{ value: unknown; depth: number }> = [{ value: error, depth: 0 }];
	const texts: string[] = [];
	while (queue.length > 0) {
		const { value, depth } = queue.shift()!;
		if (!value || typeof value !== 'object' || depth > MAX_DEPTH) continue;
		const record = value as Record<string, unknown>;
		if (typeof record.code === 'string' && /^E[A-Z_]{3,}$/.test(record.code)) return record.code;
		for (const key of ['message', 'description']) {
			if (typeof record[key] === 'string') texts.push((record[key] as string).slice(0, MAX_TEXT));
		}
		if (Array.isArray(record.messages)) {
			for (const message of record.messages) {
				if (typeof message === 'string') texts.push(message.slice(0, MAX_TEXT));
			}
		}
		queue.push({ value: record.cause, depth: depth + 1 });
		if (Array.isArray(record.errors)) {
			for (const inner of record.errors) queue.push({ value: inner, depth: depth + 1 });
		}
	}
	for (const text of texts) {
		const match = CODE_IN_TEXT.exec(text);
		if (match) return match[1];
	}
	for (const text of texts) {
		for (const [pattern, code] of N8N_STOCK_MESSAGES) if (pattern.test(text)) return code;
	}
	return undefined;
}

/**
 * The error n8n's request helper threw before any connection, when it is one: serialising the
 * request overflowed the stack (a payload nested thousands of levels deep), or could not be done
 * at all (a cycle, a BigInt). Found on the error or its `cause` chain (n8n may wrap it).
 */
export function localCause(error: unknown): Error | undefined {
	let value: unknown = error;
	for (let depth = 0; depth <= MAX_DEPTH && value && typeof value === 'object'; depth++) {
		if (value instanceof RangeError) return value;
		if (
			value instanceof TypeError &&
			/circular structure|serialize a BigInt/i.test(value.message.slice(0, MAX_TEXT))
		)
			return value;
		value = (value as { cause?: unknown }).cause;
	}
	return undefined;
}

/** n8n's own wording when its SSRF protection refuses a request (n8n 2.x). */
const SSRF_BLOCK = /^SsrfBlocked(Ip|Hostname)Error$/;
const SSRF_BLOCK_TEXT =
	/^The request was blocked because (it resolves to a restricted IP address|the destination hostname is restricted)/;

/**
 * True when n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED) refused the request before any
 * connection: its error, on the error or its `cause` chain (n8n wraps it in a NodeApiError).
 */
export function isSsrfBlock(error: unknown): boolean {
	let value: unknown = error;
	for (let depth = 0; depth <= MAX_DEPTH && value && typeof value === 'object'; depth++) {
		const record = value as Record<string, unknown>;
		if (typeof record.name === 'string' && SSRF_BLOCK.test(record.name)) return true;
		if (
			typeof record.message === 'string' &&
			SSRF_BLOCK_TEXT.test(record.message.slice(0, MAX_TEXT))
		)
			return true;
		value = record.cause;
	}
	return false;
}
