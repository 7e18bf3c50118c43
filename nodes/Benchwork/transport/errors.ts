import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiErrorText } from './apiText';
import { networkReason } from './networkCodes';
import { MAX_RATE_LIMIT_WAIT_MS, REFUSAL_RULE } from './rateLimit';
import { errorReason } from '../common/errorReason';

/** What the failed call was about, so messages can name it. */
export interface RequestSubject {
	method: string;
	path: string;
	/** What a 404 means here, e.g. `workflow "wf_1"`; defaults to "the requested resource". */
	notFound?: string;
}

function withApiText(message: string, apiText: string | undefined): string {
	return apiText ? `${message}: ${apiText}` : message;
}

function statusMessage(
	status: number,
	subject: RequestSubject,
	apiText: string | undefined,
): [string, string] {
	switch (status) {
		case 400:
			return [
				withApiText('Benchwork rejected the request as invalid (400)', apiText),
				'Check the parameter named in the message: filters, limit, IDs and the payload must be values Benchwork accepts.',
			];
		case 401:
			return [
				withApiText('Benchwork did not accept the API key (401)', apiText),
				'Open the Benchwork API credential and paste a current key from Settings → API Keys in Benchwork.',
			];
		case 403:
			return [
				withApiText('Benchwork refused access for this key (403)', apiText),
				'The Benchwork API is available on Enterprise plans only. Upgrade under Settings → Billing, or use a key from an Enterprise workspace.',
			];
		case 404:
			return [
				`Benchwork has no ${subject.notFound ?? 'the requested resource'} (404)`,
				'Check the ID (pick it from the list to be sure), and that the credential points at the Benchwork workspace and base URL that own it.',
			];
		case 413:
			return [
				withApiText('Benchwork refused the request as too large (413)', apiText),
				'Send a smaller Payload: keep large data in your own storage and pass a reference to it instead.',
			];
		case 429:
			return [
				withApiText('Benchwork kept refusing requests over its rate limit (429)', apiText),
				`${REFUSAL_RULE} Other workflows or clients may be using the same API key: run fewer at once, or spread the work over time.`,
			];
	}
	if (status >= 500) {
		return [
			withApiText(`Benchwork had a server error (${status})`, apiText),
			"The problem is on Benchwork's side (or a proxy in between). Try again later; if it persists, contact Benchwork support.",
		];
	}
	return [
		withApiText(
			`Benchwork answered ${subject.method} ${subject.path} with HTTP ${status}`,
			apiText,
		),
		'This status is not documented by the Benchwork API. Check the base URL in the credential.',
	];
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
	secrets: readonly string[],
	detail?: string,
): NodeApiError {
	const [message, fix] = statusMessage(status, subject, apiErrorText(body, secrets));
	const description = detail ? `${fix} ${detail}` : fix;
	return new NodeApiError(node, { message, httpCode: String(status) } as JsonObject, {
		message,
		description,
		httpCode: String(status),
	});
}

/** Benchwork's API never redirects: a 3xx means the base URL (or a proxy) is not the API. */
export function redirectError(
	node: INode,
	status: number,
	location: string | undefined,
	shownBaseUrl: string,
): NodeApiError {
	let target = 'another address';
	if (location) {
		try {
			target = new URL(location, `${shownBaseUrl}/`).origin;
		} catch {
			target = 'an address that is not a valid URL';
		}
	}
	const message = `Benchwork at ${shownBaseUrl} answered with a redirect (${status}) to ${target}; it was not followed`;
	const description =
		"The Benchwork API does not redirect, so the API key and data are never sent on to another address. Set the credential's Base URL to the address the API answers at directly (for example https://benchwork.app/api/v1, with https).";
	return new NodeApiError(node, { message, httpCode: String(status) } as JsonObject, {
		message,
		description,
		httpCode: String(status),
	});
}

/**
 * Network failure (nothing or no complete answer came back). The message words the cause
 * instead of quoting the code: n8n rewrites messages that contain a bare error code.
 */
export function networkError(
	node: INode,
	code: string | undefined,
	shownBaseUrl: string,
	detail?: string,
): NodeApiError {
	const message = `Could not get an answer from Benchwork at ${shownBaseUrl}: ${networkReason(code)}`;
	let description =
		'Check that the base URL in the credential is right and that n8n can reach it (network, proxy, firewall). Calls that are safe to repeat were already retried.';
	if (code) description = `${description} Error code: ${code}.`;
	if (detail) description = `${description} ${detail}`;
	return new NodeApiError(node, { message } as JsonObject, { message, description });
}

/**
 * The setting that lets n8n's SSRF protection through to a Base URL's host: n8n matches
 * N8N_SSRF_ALLOWED_HOSTNAMES against host names only, so an address needs a range.
 */
export function ssrfAllowance(baseUrl: string): string {
	const host = new URL(baseUrl).hostname;
	if (host.startsWith('[')) return `N8N_SSRF_ALLOWED_IP_RANGES=${host.slice(1, -1)}/128`;
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return `N8N_SSRF_ALLOWED_IP_RANGES=${host}/32`;
	return `N8N_SSRF_ALLOWED_HOSTNAMES=${host}`;
}

/** n8n's SSRF protection refused the Base URL's host: nothing left n8n. */
export function ssrfBlockedError(node: INode, baseUrl: string, shownBaseUrl: string): NodeApiError {
	const message = `n8n's SSRF protection blocked the request to Benchwork at ${shownBaseUrl}; nothing was sent`;
	const description = `The Base URL's host is a private or local address, which n8n refuses while N8N_SSRF_PROTECTION_ENABLED is on. If this Benchwork is yours, ask your n8n administrator to allow it on every n8n process: ${ssrfAllowance(baseUrl)}.`;
	return new NodeApiError(node, { message } as JsonObject, { message, description });
}

/** A failure before anything left n8n (for example a payload that cannot be serialised). */
export function localError(node: INode, error: unknown): NodeOperationError {
	const reason = errorReason(error, 200);
	return new NodeOperationError(
		node,
		`The request to Benchwork could not be prepared, so nothing was sent: ${reason}`,
		{
			description:
				'Nothing reached Benchwork. Check the Payload (it must be a JSON object that can be serialised).',
		},
	);
}

/**
 * Benchwork answered with success but without a field the node needs (a run's executionId, a
 * hook's webhookId, a list): the base URL may not point at the API.
 */
export function missingFieldError(node: INode, message: string, description: string): NodeApiError {
	return new NodeApiError(node, { message: 'unexpected answer' } as JsonObject, {
		message,
		description,
	});
}

/** A 429 asking for a longer wait than the node waits: it fails at once, naming that wait. */
export function rateLimitWaitTooLongError(
	node: INode,
	asked: { ms: number; source: string },
	body: unknown,
	secrets: readonly string[],
): NodeApiError {
	const seconds = Math.ceil(asked.ms / 1000);
	const message = withApiText(
		`Benchwork refused the request over its rate limit (429) and asks to wait ${seconds} s (${asked.source}), longer than the node waits (${MAX_RATE_LIMIT_WAIT_MS / 1000} s)`,
		apiErrorText(body, secrets),
	);
	const description = `The request was refused before Benchwork did any work, and not sent again. Run this again after ${seconds} s, or spread the work over time; other workflows or clients may be using the same API key.`;
	return new NodeApiError(node, { message, httpCode: '429' } as JsonObject, {
		message,
		description,
		httpCode: '429',
	});
}

export function cancelledError(node: INode): NodeOperationError {
	return new NodeOperationError(node, 'The execution was cancelled while waiting for Benchwork');
}
