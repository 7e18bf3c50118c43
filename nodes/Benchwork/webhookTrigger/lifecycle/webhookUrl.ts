import type { IHookFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** This trigger's production or test URL, as n8n gives it for the current mode. */
export function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(
			context.getNode(),
			'n8n did not provide a webhook URL for this trigger',
		);
	}
	return url;
}

/**
 * Webhook URLs as Benchwork may list them: it may write the scheme or host in another case,
 * spell out the default port, add or drop a trailing slash, or change the case of %-escapes.
 * None of that changes where a delivery goes, so such URLs count as the same webhook URL.
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

/** IPv4-mapped loopback as WHATWG URL normalises it: ::ffff:127.x.y.z → ::ffff:7fxx:yyzz. */
const MAPPED_LOOPBACK = /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/;

/** True when the URL names this machine (localhost, 127.0.0.0/8, ::1, or the 0.0.0.0/:: wildcards). */
export function isLoopbackUrl(url: string): boolean {
	let host: string;
	try {
		host = new URL(url).hostname.toLowerCase();
	} catch {
		return false;
	}
	if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
	if (host.endsWith('.')) host = host.slice(0, -1);
	if (host === 'localhost' || host.endsWith('.localhost')) return true;
	if (host === '::1' || host === '::' || host === '0.0.0.0') return true;
	if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
	return MAPPED_LOOPBACK.test(host);
}

/**
 * A service elsewhere cannot call this machine's localhost; registering such a URL would
 * succeed and then never deliver. Only a Benchwork that is itself local (the sandbox) can.
 */
export function assertReachableWebhookUrl(node: INode, webhookUrl: string, baseUrl: string): void {
	if (!isLoopbackUrl(webhookUrl) || isLoopbackUrl(baseUrl)) return;
	throw new NodeOperationError(
		node,
		`Benchwork cannot reach this n8n's webhook URL ${webhookUrl}: it points at localhost. Set n8n's N8N_WEBHOOK_URL environment variable (WEBHOOK_URL on n8n 1.x) to the public address of this n8n and restart it`,
		{
			description:
				'Benchwork calls the webhook URL from the internet, where "localhost" is Benchwork itself. When n8n runs behind a reverse proxy or tunnel, set N8N_WEBHOOK_URL (WEBHOOK_URL on n8n 1.x) to the address the proxy serves (for example https://n8n.example.com/), then publish the workflow again (on n8n 1.x: activate it).',
		},
	);
}
