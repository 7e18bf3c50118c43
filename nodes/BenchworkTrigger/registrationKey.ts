import type { IWebhookFunctions } from 'n8n-workflow';

import { digest } from '../Benchwork/shared/digest';
import type { HookState } from './hookState';

/**
 * Names one registration of one trigger in process memory: the workflow, the node, the
 * credential it uses, and what the stored registration derives its secret from (URL, nonce)
 * with the fingerprint of that secret. A new registration has a new nonce, so a new name;
 * switching the node to another credential gives a new name too. Hashed: fixed size, and no
 * part of it can be read back out of memory.
 */
export function registrationKey(context: IWebhookFunctions, state: HookState): string {
	const node = context.getNode();
	const credential = node.credentials?.benchworkApi;
	const parts = [
		String(context.getWorkflow().id ?? ''),
		node.id ?? '',
		node.name,
		credential?.id ?? credential?.name ?? '',
		state.url,
		state.nonce,
		state.fingerprint,
	];
	return digest(...parts);
}
