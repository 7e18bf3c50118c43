import { isLoopbackUrl } from '../../../nodes/BenchworkTrigger/localUrl';

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
