/**
 * Webhook URLs as Benchwork may list them: it may write the scheme or host in another case,
 * spell out the default port, add or drop a trailing slash, or change the case of %-escapes.
 * None of that changes where a delivery goes, so such URLs count as the same hook.
 */
export function normalizeWebhookUrl(raw: string): string {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return raw.trim();
	}
	// WHATWG URL has already lower-cased scheme and host and dropped a default port.
	url.hash = '';
	const path = url.pathname
		.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase())
		.replace(/\/+$/, '');
	const query = url.search === '?' ? '' : url.search;
	return `${url.protocol}//${url.host}${path}${query}`;
}

export function sameWebhookUrl(a: string, b: string): boolean {
	return normalizeWebhookUrl(a) === normalizeWebhookUrl(b);
}
