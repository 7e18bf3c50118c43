import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { digest } from '../common/digest';

export type BenchworkContext =
	IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions | IPollFunctions;

export const CREDENTIAL_TYPE = 'benchworkApi';
const DEFAULT_BASE_URL = 'https://benchwork.app/api/v1';

export interface BenchworkCredential {
	/** Normalised: no trailing slash. */
	baseUrl: string;
	/** For deriving webhook secrets and scrubbing error text; sent only by n8n's auth helper. */
	apiKey: string;
	/** Names the key's rate-limit window without holding the key. */
	rateKey: string;
	/**
	 * The credential as n8n decrypted it for this context, handed back to
	 * httpRequestWithAuthentication so that n8n does not load and decrypt it again per request.
	 */
	decrypted: ICredentialsDecrypted;
}

function normalizeBaseUrl(raw: unknown): string {
	const value = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : DEFAULT_BASE_URL;
	return value.replace(/\/+$/, '');
}

/** The base URL as it may be shown: user info (`user:pass@`) never appears in a message. */
export function displayUrl(baseUrl: string): string {
	try {
		const url = new URL(baseUrl);
		url.username = '';
		url.password = '';
		return url.toString().replace(/\/+$/, '');
	} catch {
		return baseUrl.replace(/\/\/[^/@]*@/, '//');
	}
}

function credentialError(
	context: BenchworkContext,
	message: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { description: fix });
}

/**
 * One n8n context serves one node run (or one webhook call): its credential does not change
 * within it, so it is read and decrypted once, not again for every item and every poll.
 */
const cache = new WeakMap<object, Promise<BenchworkCredential>>();

export function readBenchworkCredential(context: BenchworkContext): Promise<BenchworkCredential> {
	let credential = cache.get(context);
	if (!credential) {
		credential = readOnce(context);
		cache.set(context, credential);
		credential.catch(() => cache.delete(context));
	}
	return credential;
}

/**
 * The API key, to redact what a node outputs or throws. The credential is cached per context, so
 * after a request this costs no second read. When it cannot be read, the list is empty: text
 * shaped like a key is still redacted.
 */
export async function secretsOf(context: BenchworkContext): Promise<string[]> {
	try {
		return [(await readBenchworkCredential(context)).apiKey];
	} catch {
		return [];
	}
}

async function readOnce(context: BenchworkContext): Promise<BenchworkCredential> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	const fixUrl =
		'Open the Benchwork API credential and set Base URL to something like https://benchwork.app/api/v1.';
	let parsed: URL | undefined;
	try {
		parsed = new URL(baseUrl);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !/^https?:$/.test(parsed.protocol)) {
		throw credentialError(
			context,
			`The credential's Base URL "${displayUrl(baseUrl)}" is not an http(s) URL`,
			fixUrl,
		);
	}
	if (parsed.search !== '' || parsed.hash !== '' || /[?#]/.test(baseUrl)) {
		throw credentialError(
			context,
			`The credential's Base URL "${displayUrl(baseUrl).replace(/[?#].*$/, '')}…" has a query or fragment (? or #)`,
			`Every API path is added after the base URL, so a query or fragment would break them all. ${fixUrl}`,
		);
	}
	if (parsed.username !== '' || parsed.password !== '') {
		throw credentialError(
			context,
			`The credential's Base URL "${displayUrl(baseUrl)}" contains a user name or password (…@)`,
			`n8n would send them in place of the API key, so Benchwork would refuse every call. Remove the part before "@". ${fixUrl}`,
		);
	}
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	if (apiKey.trim() === '') {
		throw credentialError(
			context,
			'The Benchwork API credential has no API key',
			'Open the Benchwork API credential and paste a key from Settings → API Keys in Benchwork.',
		);
	}
	const rateKey = digest(baseUrl, apiKey);
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	const decrypted: ICredentialsDecrypted = {
		id: reference?.id ?? '',
		name: reference?.name ?? '',
		type: CREDENTIAL_TYPE,
		data: credentials,
	};
	return { baseUrl, apiKey, rateKey, decrypted };
}
