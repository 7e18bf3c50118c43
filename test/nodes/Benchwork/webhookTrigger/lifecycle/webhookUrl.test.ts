import {
	isLoopbackUrl,
	normalizeWebhookUrl,
	sameWebhookUrl,
} from '../../../../../nodes/Benchwork/webhookTrigger/lifecycle/webhookUrl';

describe('webhook URLs compared as Benchwork may rewrite them', () => {
	const url = 'https://n8n.example.com/webhook/0f1e/webhook';

	it.each([
		['a trailing slash', 'https://n8n.example.com/webhook/0f1e/webhook/'],
		['an upper-case scheme and host', 'HTTPS://N8N.Example.COM/webhook/0f1e/webhook'],
		['the default port spelled out', 'https://n8n.example.com:443/webhook/0f1e/webhook'],
		['an empty query', 'https://n8n.example.com/webhook/0f1e/webhook?'],
		['a fragment', 'https://n8n.example.com/webhook/0f1e/webhook#x'],
		['surrounding spaces', ` ${url} `],
	])('the same URL with %s is the same webhook', (_label, variant) => {
		expect(sameWebhookUrl(variant, url)).toBe(true);
	});

	it('treats %-escapes in either case as the same', () => {
		expect(sameWebhookUrl('http://h/webhook/a%2fb', 'http://h/webhook/a%2Fb')).toBe(true);
	});

	it.each([
		['another path', 'https://n8n.example.com/webhook/0f1e/other'],
		['the path in another case', 'https://n8n.example.com/Webhook/0f1e/webhook'],
		['another port', 'https://n8n.example.com:8443/webhook/0f1e/webhook'],
		['another scheme', 'http://n8n.example.com/webhook/0f1e/webhook'],
		['the test URL', 'https://n8n.example.com/webhook-test/0f1e/webhook'],
		['a query', 'https://n8n.example.com/webhook/0f1e/webhook?a=1'],
	])('a URL with %s is another webhook', (_label, other) => {
		expect(sameWebhookUrl(other, url)).toBe(false);
	});

	it('leaves text that is not a URL as it is, trimmed', () => {
		expect(normalizeWebhookUrl(' not a url ')).toBe('not a url');
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
