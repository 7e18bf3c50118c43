import { createHmac } from 'crypto';

import { isLoopbackUrl } from '../../../nodes/BenchworkTrigger/localUrl';
import { signatureProblem } from '../../../nodes/BenchworkTrigger/signature';
import { deriveWebhookSecret, fingerprintOf, newNonce } from '../../../nodes/BenchworkTrigger/webhookSecret';

const SECRET = 'a'.repeat(64);
const NOW_MS = 1_750_000_000_000;
const NOW = NOW_MS / 1000;
const BODY = Buffer.from('{"event":"execution.completed","execution":{"id":"exe_1"}}');

function sign(timestamp: number | string, body: Buffer = BODY, secret = SECRET): string {
	return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

function check(signature: unknown, timestamp: unknown, body: Buffer = BODY) {
	return signatureProblem({ rawBody: body, signature, timestamp }, SECRET, NOW_MS);
}

describe('signature check (CONTRACT.md item 5)', () => {
	it('accepts HMAC-SHA256 over "<timestamp>.<raw body>"', () => {
		expect(check(sign(NOW), String(NOW))).toBeUndefined();
	});

	it('accepts the hex digest in upper case', () => {
		expect(check(sign(NOW).replace(/[0-9a-f]{64}$/, (hex) => hex.toUpperCase()), String(NOW))).toBeUndefined();
	});

	it.each([
		['exactly 5 minutes old', NOW - 300, undefined],
		['5 minutes and 1 second old', NOW - 301, 'timestamp outside the allowed 5 minutes'],
		['exactly 5 minutes ahead', NOW + 300, undefined],
		['5 minutes and 1 second ahead', NOW + 301, 'timestamp outside the allowed 5 minutes'],
	])('a timestamp %s gives %s', (_label, timestamp, expected) => {
		expect(check(sign(timestamp), String(timestamp))).toBe(expected);
	});

	it('verifies the bytes, not their meaning: the same JSON re-spaced fails', () => {
		const respaced = Buffer.from(JSON.stringify(JSON.parse(BODY.toString()), null, 1));
		expect(check(sign(NOW), String(NOW), respaced)).toBe('signature does not match');
	});

	it('binds the timestamp: a valid signature moved to another timestamp fails', () => {
		expect(check(sign(NOW - 10), String(NOW))).toBe('signature does not match');
	});

	it.each([
		['a repeated signature header', [sign(NOW), sign(NOW)], String(NOW), 'malformed signature header'],
		['a truncated digest', sign(NOW).slice(0, -2), String(NOW), 'malformed signature header'],
		['a bare digest without "sha256="', sign(NOW).slice(7), String(NOW), 'malformed signature header'],
		['a fractional timestamp', sign(NOW), `${NOW}.5`, 'malformed timestamp header'],
		['a negative timestamp', sign(NOW), `-${NOW}`, 'malformed timestamp header'],
		['an empty signature', '', String(NOW), 'no signature header'],
	])('refuses %s', (_label, signature, timestamp, expected) => {
		expect(check(signature, timestamp)).toBe(expected);
	});
});

describe('derived webhook secret', () => {
	const url = 'https://n8n.example.com/webhook/abc/webhook';
	const nonce = 'n'.repeat(64);

	it('is the same for the same key, URL and nonce (so any n8n process can re-derive it)', () => {
		expect(deriveWebhookSecret('bw_live_1', url, nonce)).toBe(deriveWebhookSecret('bw_live_1', url, nonce));
		expect(deriveWebhookSecret('bw_live_1', url, nonce)).toMatch(/^[0-9a-f]{64}$/);
	});

	it.each([
		['API key', ['bw_live_2', url, nonce]],
		['URL', ['bw_live_1', `${url}-test`, nonce]],
		['nonce', ['bw_live_1', url, 'm'.repeat(64)]],
	])('changes with the %s', (_label, args) => {
		const [key, otherUrl, otherNonce] = args;
		expect(deriveWebhookSecret(key, otherUrl, otherNonce)).not.toBe(deriveWebhookSecret('bw_live_1', url, nonce));
	});

	it('has a short fingerprint that is not part of the secret', () => {
		const secret = deriveWebhookSecret('bw_live_1', url, nonce);
		expect(fingerprintOf(secret)).toMatch(/^[0-9a-f]{16}$/);
		expect(secret).not.toContain(fingerprintOf(secret));
		expect(fingerprintOf(deriveWebhookSecret('bw_live_2', url, nonce))).not.toBe(fingerprintOf(secret));
	});

	it('uses a new 256-bit nonce each time', () => {
		const nonces = new Set(Array.from({ length: 20 }, () => newNonce()));
		expect(nonces.size).toBe(20);
		for (const value of nonces) expect(value).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('loopback URL detection', () => {
	it.each([
		'http://localhost:5678/webhook/x',
		'http://LOCALHOST/webhook/x',
		'http://app.localhost/webhook/x',
		'http://localhost./webhook/x',
		'http://127.0.0.1:5678/webhook/x',
		'http://127.1.2.3/webhook/x',
		'http://[::1]:5678/webhook/x',
		'http://[::ffff:127.0.0.1]/webhook/x',
		'http://0.0.0.0:5678/webhook/x',
		'http://[::]:5678/webhook/x',
	])('%s is loopback', (url) => {
		expect(isLoopbackUrl(url)).toBe(true);
	});

	it.each([
		'https://n8n.example.com/webhook/x',
		'https://benchwork.app/api/v1',
		'http://10.0.0.5:5678/webhook/x',
		'http://192.168.1.10/webhook/x',
		'http://127.0.0.1.nip.io/webhook/x',
		'http://localhost.example.com/webhook/x',
		'not a url',
	])('%s is not loopback', (url) => {
		expect(isLoopbackUrl(url)).toBe(false);
	});
});
