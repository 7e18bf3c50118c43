import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What the failed call was about, so messages can name it. */
export interface RequestSubject {
	method: string;
	path: string;
	/** What a 404 means here, e.g. `workflow "wf_1"`; defaults to "the requested resource". */
	notFound?: string;
}

const MAX_API_TEXT = 300;

/**
 * The API's own explanation, from any body: `{ error: { message } }`, `{ message }`,
 * `{ error: "..." }`, plain text. HTML (a proxy's error page) and empty bodies give nothing.
 */
export function apiErrorText(body: unknown, secrets: string[] = []): string | undefined {
	const text = rawApiErrorText(body);
	return text === undefined ? undefined : redact(text, secrets);
}

/** Servers and proxies sometimes echo request headers: never pass a key or bearer token on. */
export function redact(text: string, secrets: string[]): string {
	let clean = text.replace(/(bearer\s+)[^\s"',;]+/gi, '$1[redacted]');
	for (const secret of secrets) {
		if (secret.length >= 4) clean = clean.split(secret).join('[redacted]');
	}
	return clean;
}

function rawApiErrorText(body: unknown): string | undefined {
	let value = body;
	if (Buffer.isBuffer(value)) value = value.toString('utf8');
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return undefined;
		try {
			value = JSON.parse(text);
		} catch {
			if (/^<(!doctype|html|\?xml)/i.test(text) || /<\/?[a-z][\s\S]*>/i.test(text)) return undefined;
			return truncate(text);
		}
	}
	if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		const error = record.error;
		if (error && typeof error === 'object') {
			const message = (error as Record<string, unknown>).message;
			if (typeof message === 'string' && message.trim()) return truncate(message.trim());
		}
		if (typeof error === 'string' && error.trim()) return truncate(error.trim());
		if (typeof record.message === 'string' && record.message.trim()) {
			return truncate(record.message.trim());
		}
	}
	return undefined;
}

function truncate(text: string): string {
	return text.length > MAX_API_TEXT ? `${text.slice(0, MAX_API_TEXT)}…` : text;
}

function withApiText(message: string, apiText: string | undefined): string {
	return apiText ? `${message}: ${apiText}` : message;
}

/**
 * One NodeApiError per HTTP status: the message says what happened, the description how to fix it.
 * Built from plain values only, never from the request, so the API key cannot ride along.
 */
export function httpStatusError(
	node: INode,
	status: number,
	body: unknown,
	subject: RequestSubject,
	secrets: string[],
	detail?: string,
): NodeApiError {
	const apiText = apiErrorText(body, secrets);
	let message: string;
	let description: string;
	switch (status) {
		case 400:
			message = withApiText('Benchwork rejected the request as invalid (400)', apiText);
			description =
				'Check the parameter named in the message: filters, limit, IDs and the payload must be values Benchwork accepts.';
			break;
		case 401:
			message = withApiText('Benchwork did not accept the API key (401)', apiText);
			description =
				'Open the Benchwork API credential and paste a current key from Settings → API Keys in Benchwork.';
			break;
		case 403:
			message = withApiText('Benchwork refused access for this key (403)', apiText);
			description =
				"The Benchwork API is available on Enterprise plans only. Upgrade under Settings → Billing, or use a key from an Enterprise workspace.";
			break;
		case 404: {
			const what = subject.notFound ?? 'the requested resource';
			message = `Benchwork has no ${what} (404)`;
			description =
				'Check the ID (pick it from the list to be sure), and that the credential points at the Benchwork workspace and base URL that own it.';
			break;
		}
		case 429:
			message = withApiText('Benchwork kept refusing requests over its rate limit (429)', apiText);
			description =
				'The node waited for the rate-limit window and retried, but Benchwork still refused. Other workflows may be using the same API key: run fewer at once, or spread the work over time.';
			break;
		default:
			if (status >= 500) {
				message = withApiText(`Benchwork had a server error (${status})`, apiText);
				description =
					'The problem is on Benchwork’s side (or a proxy in between). Try again later; if it persists, contact Benchwork support.';
			} else {
				message = withApiText(`Benchwork answered ${subject.method} ${subject.path} with HTTP ${status}`, apiText);
				description = 'This status is not documented by the Benchwork API. Check the base URL in the credential.';
			}
	}
	if (detail) description = `${description} ${detail}`;
	return new NodeApiError(node, { message, httpCode: String(status) } as JsonObject, {
		message,
		description,
		httpCode: String(status),
	});
}

const NETWORK_REASONS: Record<string, string> = {
	ECONNRESET: 'the connection was closed before an answer came',
	EPIPE: 'the connection was closed before an answer came',
	ECONNREFUSED: 'the connection was refused (is the service running at that address?)',
	ETIMEDOUT: 'no answer came in time',
	ESOCKETTIMEDOUT: 'no answer came in time',
	ECONNABORTED: 'no answer came in time',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved',
};

/**
 * Network failure (nothing or no complete answer came back). The message words the cause
 * instead of quoting the code: n8n rewrites messages that contain a bare error code.
 */
export function networkError(
	node: INode,
	code: string | undefined,
	baseUrl: string,
	detail?: string,
): NodeApiError {
	const reason = (code && NETWORK_REASONS[code]) ?? 'the network request failed';
	const message = `Could not get an answer from Benchwork at ${baseUrl}: ${reason}`;
	let description =
		'Check that the base URL in the credential is right and that n8n can reach it (network, proxy, firewall). Calls that are safe to repeat were already retried.';
	if (code) description = `${description} Error code: ${code}.`;
	if (detail) description = `${description} ${detail}`;
	return new NodeApiError(node, { message } as JsonObject, { message, description });
}
