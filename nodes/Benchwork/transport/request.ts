import type { IDataObject, IHttpRequestOptions, NodeApiError } from 'n8n-workflow';

import { asObject, parseBody } from '../common/json';
import { redactValue } from '../common/redact';
import type { BenchworkContext } from './credential';
import { CREDENTIAL_TYPE, displayUrl, readBenchworkCredential } from './credential';
import type { RequestSubject } from './errors';
import {
	cancelledError,
	httpStatusError,
	localError,
	networkError,
	rateLimitWaitTooLongError,
	redirectError,
	ssrfBlockedError,
} from './errors';
import {
	isSsrfBlock,
	isTransientCode,
	isUnsentCode,
	localCause,
	networkErrorCode,
} from './networkCodes';
import {
	MAX_RATE_LIMIT_WAIT_MS,
	noteRefusal,
	recordAnswer,
	releaseCall,
	reserveCall,
	serverWaitAfter429,
	waitAfter429,
} from './rateLimit';
import type { Method } from './retryPolicy';
import {
	backoff,
	isRepeatable,
	isTransientStatus,
	MAX_TRANSIENT_RETRIES,
	NOT_RESENT,
	NOTHING_SENT,
} from './retryPolicy';
import { cancelSignal, waitUnlessCancelled } from './wait';

export interface BenchworkRequest extends RequestSubject {
	method: Method;
	/** Built with apiPath(), relative to the credential's base URL. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/**
	 * Whether the request may be sent again after a network failure or a 5xx (once it may have
	 * reached Benchwork). Default: GET and DELETE yes, POST no (retryPolicy.ts).
	 */
	repeatable?: boolean;
	/** Statuses handed back to the caller instead of thrown (the webhook lifecycle needs 404/405). */
	acceptStatuses?: number[];
	/** Give up (as cancelled) once this time has passed, even while waiting out a rate limit. */
	deadline?: { atMs: number; onExpiry: () => Error };
	/**
	 * Told of a failure after which the request may have reached Benchwork (so it was not resent),
	 * before it is thrown: the caller may add what a resend would have meant to its description.
	 */
	onMayHaveReached?: (error: NodeApiError) => void;
}

export interface BenchworkResponse {
	statusCode: number;
	/** Parsed JSON when the body is JSON; text otherwise; {} when empty. */
	body: unknown;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** Throws when the request body cannot be serialised: that fails here, before anything is sent. */
function assertSerialisable(context: BenchworkContext, body: IDataObject | undefined): void {
	if (body === undefined) return;
	try {
		JSON.stringify(body);
	} catch (error) {
		throw localError(context.getNode(), error);
	}
}

/**
 * The one place that speaks HTTP to Benchwork. Waits out a spent rate-limit window before
 * calling, retries a 429 while Benchwork is still granting the key's budget to someone, retries
 * transient failures only where repeating is harmless (retryPolicy.ts), follows no redirect,
 * turns every failure into an error that names no secret, and hands back no secret in a body.
 */
export async function sendBenchworkRequest(
	this: BenchworkContext,
	request: BenchworkRequest,
): Promise<BenchworkResponse> {
	// Only a failure needs these: n8n deep-copies the node for every getNode(), and a request
	// that succeeds (nearly all of them) should not pay for that or for parsing the URL again.
	const node = () => this.getNode();
	const signal = cancelSignal(this);
	const { baseUrl, rateKey, apiKey, decrypted } = await readBenchworkCredential(this);
	const shownBaseUrl = () => displayUrl(baseUrl);
	const repeatable = isRepeatable(request);
	assertSerialisable(this, request.body);
	let transientRetries = 0;
	const mayHaveReached = (error: NodeApiError, unsure: boolean) => {
		if (unsure) request.onMayHaveReached?.(error);
		return error;
	};
	let firstRefusalAt: number | undefined;

	/** Waits ms unless cancelled or past the deadline (then throws the matching error). */
	const pause = async (ms: number) => {
		let wait = ms;
		if (request.deadline) wait = Math.min(wait, request.deadline.atMs - Date.now());
		if (!(await waitUnlessCancelled(Math.max(0, wait), signal))) throw cancelledError(node());
		if (request.deadline && Date.now() >= request.deadline.atMs) throw request.deadline.onExpiry();
	};

	for (;;) {
		for (let windowWait = reserveCall(rateKey); windowWait > 0; windowWait = reserveCall(rateKey)) {
			this.logger?.debug(
				`Benchwork rate-limit window spent; waiting ${windowWait} ms for it to reset`,
			);
			await pause(windowWait);
		}

		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs: request.qs,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: request.deadline
				? Math.max(1, Math.min(REQUEST_TIMEOUT_MS, request.deadline.atMs - Date.now()))
				: REQUEST_TIMEOUT_MS,
		};
		if (request.body !== undefined) options.body = request.body;

		let response: { statusCode: number; body: unknown; headers?: IDataObject };
		const sentAt = Date.now();
		try {
			response = await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
				{
					credentialsDecrypted: decrypted,
				},
			);
		} catch (error) {
			releaseCall(rateKey);
			if (signal?.aborted) throw cancelledError(node());
			// n8n's helper failed on the request itself (serialising it overflowed the stack, or the
			// like) before any connection: nothing was sent.
			const local = localCause(error);
			if (local) throw localError(node(), local);
			if (isSsrfBlock(error)) throw ssrfBlockedError(node(), baseUrl, shownBaseUrl());
			if (request.deadline && Date.now() >= request.deadline.atMs)
				throw request.deadline.onExpiry();
			const code = networkErrorCode(error);
			if (repeatable && isTransientCode(code) && transientRetries < MAX_TRANSIENT_RETRIES) {
				const delay = backoff(transientRetries++);
				this.logger?.debug(
					`Benchwork ${request.method} ${request.path} failed (${code}); retrying in ${delay} ms`,
				);
				await pause(delay);
				continue;
			}
			const unsure = !repeatable && !isUnsentCode(code);
			const detail = unsure ? NOT_RESENT : !repeatable ? NOTHING_SENT : undefined;
			throw mayHaveReached(networkError(node(), code, shownBaseUrl(), detail), unsure);
		}
		// The answer's own count of the window replaces this request's reservation.
		releaseCall(rateKey);
		recordAnswer(rateKey, response.statusCode, response.headers);

		const { statusCode, headers } = response;

		if (statusCode >= 300 && statusCode < 400) {
			const location = headers?.location ?? headers?.Location;
			throw redirectError(
				node(),
				statusCode,
				typeof location === 'string' ? location : undefined,
				shownBaseUrl(),
			);
		}
		if ((statusCode >= 200 && statusCode < 300) || request.acceptStatuses?.includes(statusCode)) {
			// A debugging proxy or a broken gateway may echo the Authorization header into a 2xx
			// body: every answer is redacted here, once, so no operation can pass the key on.
			return { statusCode, body: redactValue(parseBody(response.body), [apiKey]) };
		}
		if (statusCode === 429) {
			const asked = serverWaitAfter429(headers);
			if (asked && asked.ms > MAX_RATE_LIMIT_WAIT_MS) {
				throw rateLimitWaitTooLongError(node(), asked, response.body, [apiKey]);
			}
			firstRefusalAt ??= Date.now();
			if (noteRefusal(rateKey, headers, Date.now() - firstRefusalAt, Date.now(), sentAt)) {
				const delay = waitAfter429(headers);
				this.logger?.debug(`Benchwork answered 429; retrying in ${delay} ms`);
				await pause(delay);
				continue;
			}
		}
		if (repeatable && isTransientStatus(statusCode) && transientRetries < MAX_TRANSIENT_RETRIES) {
			const delay = backoff(transientRetries++);
			this.logger?.debug(`Benchwork answered ${statusCode}; retrying in ${delay} ms`);
			await pause(delay);
			continue;
		}
		const unsure = !repeatable && statusCode >= 500;
		throw mayHaveReached(
			httpStatusError(
				node(),
				statusCode,
				response.body,
				request,
				[apiKey],
				unsure ? NOT_RESENT : undefined,
			),
			unsure,
		);
	}
}

/** The parsed JSON body of a successful call, as an object (other JSON is put under `data`). */
export async function benchworkApiRequest(
	this: BenchworkContext,
	request: BenchworkRequest,
): Promise<IDataObject> {
	const { body } = await sendBenchworkRequest.call(this, request);
	return (asObject(body) as IDataObject | undefined) ?? { data: body as IDataObject };
}
