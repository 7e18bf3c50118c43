import { createHmac } from 'crypto';

import { signatureProblem } from '../../../../../nodes/Benchwork/webhookTrigger/delivery/signature';

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

describe('signature check (docs/benchwork-api.md, webhook deliveries)', () => {
	it('accepts HMAC-SHA256 over "<timestamp>.<raw body>"', () => {
		expect(check(sign(NOW), String(NOW))).toBeUndefined();
	});

	it('accepts the hex digest in upper case', () => {
		expect(
			check(
				sign(NOW).replace(/[0-9a-f]{64}$/, (hex) => hex.toUpperCase()),
				String(NOW),
			),
		).toBeUndefined();
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
		[
			'a repeated signature header',
			[sign(NOW), sign(NOW)],
			String(NOW),
			'malformed signature header',
		],
		['a truncated digest', sign(NOW).slice(0, -2), String(NOW), 'malformed signature header'],
		[
			'a bare digest without "sha256="',
			sign(NOW).slice(7),
			String(NOW),
			'malformed signature header',
		],
		['a fractional timestamp', sign(NOW), `${NOW}.5`, 'malformed timestamp header'],
		['a negative timestamp', sign(NOW), `-${NOW}`, 'malformed timestamp header'],
		['an empty signature', '', String(NOW), 'no signature header'],
	])('refuses %s', (_label, signature, timestamp, expected) => {
		expect(check(signature, timestamp)).toBe(expected);
	});
});
