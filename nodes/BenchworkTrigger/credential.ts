import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE, normalizeBaseUrl } from '../Benchwork/transport';

/** The API key (the webhook secret is derived from it) and the base URL of the node's credential. */
export async function credentialOf(
	context: IHookFunctions | IWebhookFunctions,
): Promise<{ apiKey: string; baseUrl: string }> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	if (apiKey === '') {
		throw new NodeOperationError(context.getNode(), 'The Benchwork API credential has no API key', {
			description: 'Open the Benchwork API credential and paste a key from Settings → API Keys in Benchwork.',
		});
	}
	return { apiKey, baseUrl: normalizeBaseUrl(credentials.baseUrl) };
}
