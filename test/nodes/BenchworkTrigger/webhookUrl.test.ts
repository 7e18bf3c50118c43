import { normalizeWebhookUrl, sameWebhookUrl } from '../../../nodes/BenchworkTrigger/webhookUrl';

describe('webhook URLs compared as Benchwork may rewrite them', () => {
	const url = 'https://n8n.example.com/webhook/0f1e/webhook';

	it.each([
		['a trailing slash', 'https://n8n.example.com/webhook/0f1e/webhook/'],
		['an upper-case scheme and host', 'HTTPS://N8N.Example.COM/webhook/0f1e/webhook'],
		['the default port spelled out', 'https://n8n.example.com:443/webhook/0f1e/webhook'],
		['an empty query', 'https://n8n.example.com/webhook/0f1e/webhook?'],
		['a fragment', 'https://n8n.example.com/webhook/0f1e/webhook#x'],
		['surrounding spaces', ` ${url} `],
	])('the same URL with %s is the same hook', (_label, variant) => {
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
	])('a URL with %s is another hook', (_label, other) => {
		expect(sameWebhookUrl(other, url)).toBe(false);
	});

	it('leaves text that is not a URL as it is, trimmed', () => {
		expect(normalizeWebhookUrl(' not a url ')).toBe('not a url');
	});
});
