import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestSubject } from './errors';
import { httpStatusError, networkError } from './errors';
import { recordRateLimit, waitAfter429, waitBeforeNextCall } from './rateLimit';
import { waitUnlessCancelled } from './wait';

export type BenchworkContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export const CREDENTIAL_TYPE = 'benchworkApi';
export const DEFAULT_BASE_URL = 'https://benchwork.app/api/v1';

export interface BenchworkRequest extends RequestSubject {
	method: 'GET' | 'POST' | 'DELETE';
	/** Built with apiPath(), relative to the credential's base URL. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Statuses handed back to the caller instead of thrown (the webhook lifecycle needs 404/405). */
	acceptStatuses?: number[];
}

export interface BenchworkResponse {
	statusCode: number;
	/** Parsed JSON when the body is JSON; text otherwise; {} when empty. */
	body: unknown;
}

const REQUEST_TIMEOUT_MS = 30_000;
const MAX_TRANSIENT_RETRIES = 3;
const MAX_RATE_LIMIT_RETRIES = 5;
const RETRY_BASE_MS = 300;
const RETRY_CAP_MS = 3_000;
const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);
const RETRYABLE_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

const NOT_RESENT =
	'The request may have reached Benchwork, so it was not sent again (that could start the workflow twice): check the workflow’s executions in Benchwork before running this again.';

/** POSTs create things (executions, webhooks); only a 429, refused before any work, may repeat them. */
function isRepeatable(method: BenchworkRequest['method']): boolean {
	return method !== 'POST';
}

function cancelSignal(context: BenchworkContext): AbortSignal | undefined {
	const candidate = context as Partial<IExecuteFunctions>;
	return typeof candidate.getExecutionCancelSignal === 'function'
		? candidate.getExecutionCancelSignal()
		: undefined;
}

export function normalizeBaseUrl(raw: unknown): string {
	const value = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : DEFAULT_BASE_URL;
	return value.replace(/\/+$/, '');
}

const NETWORK_CODE_IN_TEXT =
	/\b(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|ESOCKETTIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH|ENETUNREACH)\b/;

/** n8n's stock wording for a code: NodeApiError may replace the original message with it. */
const N8N_STOCK_MESSAGES: Array<[RegExp, string]> = [
	[/refused the connection/i, 'ECONNREFUSED'],
	[/closed unexpectedly|socket hang up/i, 'ECONNRESET'],
	[/connection timed out|timeout of \d+ms exceeded/i, 'ETIMEDOUT'],
	[/connection was aborted/i, 'ECONNABORTED'],
	[/incorrect host|getaddrinfo/i, 'ENOTFOUND'],
	[/host is unreachable/i, 'EHOSTUNREACH'],
];

/**
 * Finds the network error code (ECONNRESET…) of a failed request. n8n wraps the original error
 * differently across versions (a `cause` chain, AggregateError `errors`, or only its wording in
 * `message`/`messages`), so every place is searched.
 */
function errorCode(error: unknown): string | undefined {
	const queue: Array<{ value: unknown; depth: number }> = [{ value: error, depth: 0 }];
	const texts: string[] = [];
	while (queue.length > 0) {
		const { value, depth } = queue.shift()!;
		if (!value || typeof value !== 'object' || depth > 6) continue;
		const record = value as Record<string, unknown>;
		if (typeof record.code === 'string' && /^E[A-Z_]{3,}$/.test(record.code)) return record.code;
		for (const key of ['message', 'description']) {
			if (typeof record[key] === 'string') texts.push(record[key] as string);
		}
		if (Array.isArray(record.messages)) texts.push(...record.messages.filter((m): m is string => typeof m === 'string'));
		queue.push({ value: record.cause, depth: depth + 1 });
		if (Array.isArray(record.errors)) for (const inner of record.errors) queue.push({ value: inner, depth: depth + 1 });
	}
	for (const text of texts) {
		const match = NETWORK_CODE_IN_TEXT.exec(text);
		if (match) return match[1];
	}
	for (const text of texts) {
		for (const [pattern, code] of N8N_STOCK_MESSAGES) if (pattern.test(text)) return code;
	}
	return undefined;
}

function backoff(attempt: number): number {
	return Math.min(RETRY_BASE_MS * 2 ** attempt, RETRY_CAP_MS);
}

interface CredentialScope {
	baseUrl: string;
	rateKey: string;
	/** Only for scrubbing error text: never sent anywhere by this module. */
	apiKey: string;
}

/**
 * One n8n context serves one node run: its credential does not change within it, so it is read
 * (and decrypted) once, not again for every item and every poll.
 */
const scopes = new WeakMap<object, Promise<CredentialScope>>();

function credentialScope(context: BenchworkContext): Promise<CredentialScope> {
	let scope = scopes.get(context);
	if (!scope) {
		scope = readCredentialScope(context);
		scopes.set(context, scope);
		scope.catch(() => scopes.delete(context));
	}
	return scope;
}

async function readCredentialScope(context: BenchworkContext): Promise<CredentialScope> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	if (!/^https?:\/\/[^/]+/i.test(baseUrl)) {
		throw new NodeOperationError(context.getNode(), `The credential's Base URL "${baseUrl}" is not an http(s) URL`, {
			description: 'Open the Benchwork API credential and set Base URL to something like https://benchwork.app/api/v1.',
		});
	}
	// Windows are per API key; a digest names the key without holding it.
	const apiKey = String(credentials.apiKey ?? '');
	const rateKey = createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
	return { baseUrl, rateKey, apiKey };
}

/**
 * The one place that speaks HTTP to Benchwork. Waits out a spent rate-limit window before
 * calling, retries a 429 for every method, retries transient failures only where repeating is
 * harmless (not POST), and turns every failure into a NodeApiError that names no secret.
 */
export async function sendBenchworkRequest(
	this: BenchworkContext,
	request: BenchworkRequest,
): Promise<BenchworkResponse> {
	const node = this.getNode();
	const signal = cancelSignal(this);
	const { baseUrl, rateKey, apiKey } = await credentialScope(this);
	const repeatable = isRepeatable(request.method);
	let transientRetries = 0;
	let rateLimitRetries = 0;

	const cancelled = () =>
		new NodeOperationError(node, 'The execution was cancelled while waiting for Benchwork');

	for (;;) {
		const pause = waitBeforeNextCall(rateKey);
		if (pause > 0) {
			this.logger?.debug(`Benchwork rate-limit window spent; waiting ${pause} ms for it to reset`);
			if (!(await waitUnlessCancelled(pause, signal))) throw cancelled();
		}

		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: REQUEST_TIMEOUT_MS,
		};
		if (request.body === undefined) delete options.body;

		let statusCode: number;
		let body: unknown;
		let headers: IDataObject | undefined;
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
			)) as { statusCode: number; body: unknown; headers?: IDataObject };
			statusCode = response.statusCode;
			body = response.body;
			headers = response.headers;
		} catch (error) {
			if (signal?.aborted) throw cancelled();
			const code = errorCode(error);
			const transient = code !== undefined && RETRYABLE_CODES.has(code);
			if (repeatable && transient && transientRetries < MAX_TRANSIENT_RETRIES) {
				const delay = backoff(transientRetries++);
				this.logger?.debug(`Benchwork ${request.method} ${request.path} failed (${code}); retrying in ${delay} ms`);
				if (!(await waitUnlessCancelled(delay, signal))) throw cancelled();
				continue;
			}
			throw networkError(node, code, baseUrl, repeatable ? undefined : NOT_RESENT);
		}

		recordRateLimit(rateKey, headers);

		if (statusCode >= 200 && statusCode < 300) return { statusCode, body: parseBody(body) };
		if (request.acceptStatuses?.includes(statusCode)) return { statusCode, body: parseBody(body) };

		if (statusCode === 429 && rateLimitRetries < MAX_RATE_LIMIT_RETRIES) {
			rateLimitRetries++;
			const delay = waitAfter429(headers);
			this.logger?.debug(`Benchwork answered 429; retrying in ${delay} ms`);
			if (!(await waitUnlessCancelled(delay, signal))) throw cancelled();
			continue;
		}
		if (repeatable && RETRYABLE_STATUSES.has(statusCode) && transientRetries < MAX_TRANSIENT_RETRIES) {
			const delay = backoff(transientRetries++);
			this.logger?.debug(`Benchwork answered ${statusCode}; retrying in ${delay} ms`);
			if (!(await waitUnlessCancelled(delay, signal))) throw cancelled();
			continue;
		}
		const maybeReached = !repeatable && statusCode >= 500 ? NOT_RESENT : undefined;
		throw httpStatusError(node, statusCode, body, request, [apiKey], maybeReached);
	}
}

/** The parsed JSON body of a successful call. */
export async function benchworkApiRequest(
	this: BenchworkContext,
	request: BenchworkRequest,
): Promise<IDataObject> {
	const { body } = await sendBenchworkRequest.call(this, request);
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : { data: body as IDataObject };
}

function parseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		if (body.trim() === '') return {};
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	return body ?? {};
}

