import { BenchworkApi } from '../../credentials/BenchworkApi.credentials';
import { runCredentialTest } from '../helpers/n8nHarness';
import { KEYS, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();

describe('Benchwork API credential', () => {
	it('passes the editor’s Test with an Enterprise key, with one cheap call', async () => {
		const result = await runCredentialTest({
			apiKey: KEYS.enterprise,
			baseUrl: sandbox.current.baseUrl,
		});
		expect(result.status).toBe('OK');
		const requests = sandbox.current.stats().requests;
		expect(requests).toHaveLength(1);
		expect(requests[0].url).toBe('/api/v1/workflows?limit=1');
	});

	it('tolerates a trailing slash on the base URL', async () => {
		const result = await runCredentialTest({
			apiKey: KEYS.enterprise,
			baseUrl: `${sandbox.current.baseUrl}//`,
		});
		expect(result.status).toBe('OK');
		expect(sandbox.current.stats().requests[0].path).toBe('/api/v1/workflows');
	});

	describe.each([1, 2] as const)('in n8n %i.x', (line) => {
		it('passes with an Enterprise key', async () => {
			expect(
				await runCredentialTest(
					{ apiKey: KEYS.enterprise, baseUrl: sandbox.current.baseUrl },
					line,
				),
			).toEqual({ status: 'OK', message: 'Connection successful!' });
		});

		it('tells a wrong key (401) apart, saying where to get a new one', async () => {
			const result = await runCredentialTest(
				{ apiKey: 'bw_live_not_a_key', baseUrl: sandbox.current.baseUrl },
				line,
			);
			expect(result).toEqual({
				status: 'Error',
				message: expect.stringMatching(/did not accept this API key \(401\).*Settings → API Keys/),
			});
		});

		it('tells a key without an Enterprise plan (403) apart, saying how to upgrade', async () => {
			const result = await runCredentialTest(
				{ apiKey: KEYS.starter, baseUrl: sandbox.current.baseUrl },
				line,
			);
			expect(result).toEqual({
				status: 'Error',
				message: expect.stringMatching(/no API access \(403\).*Enterprise plan/),
			});
		});

		it.each([
			[
				'a login page (200, HTML)',
				{ status: 200, body: '<html>Sign in</html>', contentType: 'text/html' },
			],
			[
				'a 401 from a proxy (HTML)',
				{ status: 401, body: '<html>no</html>', contentType: 'text/html' },
			],
			['a server error', { status: 500 }],
			['a redirect', { status: 302, body: '', headers: { Location: 'http://127.0.0.1:9/' } }],
		])('never passes %s', async (_name, fault) => {
			sandbox.current.addFault({ method: 'GET', path: '/workflows', times: 0, ...fault });
			const result = await runCredentialTest(
				{ apiKey: KEYS.enterprise, baseUrl: sandbox.current.baseUrl },
				line,
			);
			expect(result.status).toBe('Error');
		});
	});

	it('sends the key as a bearer token, keeping the request’s other headers, and defaults to Benchwork’s public base URL', async () => {
		const credential = new BenchworkApi();
		const request = { url: '/workflows', headers: { Accept: 'application/json' } };
		const sent = await credential.authenticate({ apiKey: KEYS.enterprise }, request);
		expect(sent.headers).toEqual({
			Accept: 'application/json',
			Authorization: `Bearer ${KEYS.enterprise}`,
		});
		expect(sent.url).toBe('/workflows');
		expect(request.headers).toEqual({ Accept: 'application/json' });
		const baseUrl = credential.properties.find((p) => p.name === 'baseUrl');
		expect(baseUrl?.default).toBe('https://benchwork.app/api/v1');
		const apiKey = credential.properties.find((p) => p.name === 'apiKey');
		expect(apiKey?.typeOptions?.password).toBe(true);
	});
});
