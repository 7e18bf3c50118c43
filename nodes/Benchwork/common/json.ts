/** JSON text parsed, or undefined when it is not JSON (so `null` and `"…"` stay tellable apart). */
export function tryParseJson(text: string): { value: unknown } | undefined {
	try {
		return { value: JSON.parse(text) };
	} catch {
		return undefined;
	}
}

/** Bytes as n8n hands them over (Buffer or text), decoded once: JSON when it parses, else text. */
export function parseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body ?? {};
	if (body.trim() === '') return {};
	const parsed = tryParseJson(body);
	return parsed ? parsed.value : body;
}

/** A JSON object, or undefined for anything else (a list, text, null). */
export function asObject(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}
