import {
	deriveWebhookSecret,
	fingerprintOf,
	newNonce,
} from '../../../../../nodes/Benchwork/webhookTrigger/delivery/secret';

describe('derived webhook secret', () => {
	const url = 'https://n8n.example.com/webhook/abc/webhook';
	const nonce = 'n'.repeat(64);

	it('is the same for the same key, URL and nonce (so any n8n process can re-derive it)', () => {
		expect(deriveWebhookSecret('bw_live_1', url, nonce)).toBe(
			deriveWebhookSecret('bw_live_1', url, nonce),
		);
		expect(deriveWebhookSecret('bw_live_1', url, nonce)).toMatch(/^[0-9a-f]{64}$/);
	});

	it.each([
		['API key', ['bw_live_2', url, nonce]],
		['URL', ['bw_live_1', `${url}-test`, nonce]],
		['nonce', ['bw_live_1', url, 'm'.repeat(64)]],
	])('changes with the %s', (_label, args) => {
		const [key, otherUrl, otherNonce] = args;
		expect(deriveWebhookSecret(key, otherUrl, otherNonce)).not.toBe(
			deriveWebhookSecret('bw_live_1', url, nonce),
		);
	});

	it('has a short fingerprint that is not part of the secret', () => {
		const secret = deriveWebhookSecret('bw_live_1', url, nonce);
		expect(fingerprintOf(secret)).toMatch(/^[0-9a-f]{16}$/);
		expect(secret).not.toContain(fingerprintOf(secret));
		expect(fingerprintOf(deriveWebhookSecret('bw_live_2', url, nonce))).not.toBe(
			fingerprintOf(secret),
		);
	});

	it('uses a new 256-bit nonce each time', () => {
		const nonces = new Set(Array.from({ length: 20 }, () => newNonce()));
		expect(nonces.size).toBe(20);
		for (const value of nonces) expect(value).toMatch(/^[0-9a-f]{64}$/);
	});
});
